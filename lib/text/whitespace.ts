/** Whether a UTF-16 code unit is white space as JavaScript's `\s` (and so the tokenizer's pre-split) sees it. */
export function isWhitespace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whether `text` holds more than `max` non-space characters in a row. */
export function hasRunLongerThan(text: string, max: number): boolean {
  // A loop rather than /\S{257}/: V8 runs such a pattern five times slower, and it is on every count.
  let run = 0;
  for (let position = 0; position < text.length; position++) {
    run = isWhitespace(text.charCodeAt(position)) ? 0 : run + 1;
    if (run > max) return true;
  }
  return false;
}
