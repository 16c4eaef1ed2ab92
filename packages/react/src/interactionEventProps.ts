import type { VideoHTMLAttributes } from 'react';

type VideoProps = VideoHTMLAttributes<HTMLVideoElement>;

/**
 * React's event props for what the user does to a `<video>`: clipboard, focus, keyboard, mouse, drag,
 * touch, pointer and wheel. With video.js they are listeners on its player element (the wrapper that holds
 * the `<video>`, the poster and the controls), each also as its `…Capture` variant. Each DOM event is
 * named like its prop, lowercase and without `on`, except those in `renamed`. Not here: form, composition,
 * selection, scroll and toggle events (a `<video>` has no text, form or scrolling of its own), nor
 * animation and transition events (the app's `className`, so its animations, is on the container; inside
 * the wrapper they would be video.js's own).
 */
export const interactionEventProps = [
  'onCopy',
  'onCut',
  'onPaste',
  'onFocus',
  'onBlur',
  'onKeyDown',
  'onKeyPress',
  'onKeyUp',
  'onAuxClick',
  'onClick',
  'onContextMenu',
  'onDoubleClick',
  'onDrag',
  'onDragEnd',
  'onDragEnter',
  'onDragLeave',
  'onDragOver',
  'onDragStart',
  'onDrop',
  'onMouseDown',
  'onMouseEnter',
  'onMouseLeave',
  'onMouseMove',
  'onMouseOut',
  'onMouseOver',
  'onMouseUp',
  'onTouchCancel',
  'onTouchEnd',
  'onTouchMove',
  'onTouchStart',
  'onPointerDown',
  'onPointerMove',
  'onPointerUp',
  'onPointerCancel',
  'onPointerEnter',
  'onPointerLeave',
  'onPointerOver',
  'onPointerOut',
  'onGotPointerCapture',
  'onLostPointerCapture',
  'onWheel',
] as const satisfies readonly (keyof VideoProps)[];

/** Props whose DOM event has another name. React's focus events bubble: they are `focusin`/`focusout`. */
export const renamed: Partial<Record<(typeof interactionEventProps)[number], string>> = {
  onDoubleClick: 'dblclick',
  onFocus: 'focusin',
  onBlur: 'focusout',
};

/** Listened to as passive, as React does, so that they never hold up scrolling. */
export const passive = ['touchstart', 'touchmove', 'wheel'];
