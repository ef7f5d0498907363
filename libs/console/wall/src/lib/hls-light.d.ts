// hls.js publishes its light build (`hls.js/light`) without a declaration of its own; its API is the
// full build's, minus features a live camera does not use.
declare module 'hls.js/light' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}
