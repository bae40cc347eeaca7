/** UTF-8 decoding for core's byte readers, which take the platform's decoder as a function. */
const decoder = new TextDecoder();

export const utf8 = (bytes: Uint8Array): string => decoder.decode(bytes);
