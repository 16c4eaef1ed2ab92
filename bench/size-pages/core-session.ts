// What an app imports from core to open sessions and sign URLs (e.g. its own <img> or download link).
export { SessionClient, toVideoRef } from '@private-video/core';
