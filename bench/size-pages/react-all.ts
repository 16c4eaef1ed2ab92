// Everything @private-video/react adds on top of React and core (both external in this measurement).
export * from '@private-video/react';
