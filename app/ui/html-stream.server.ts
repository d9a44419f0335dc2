import { Transform, type TransformCallback } from "node:stream";

/**
 * Where React 18's streaming renderer writes a page, mending two habits of its Node writer
 * (react-dom/server 18.3.1):
 *
 * - **Zero padding.** When a text no longer fits the 2,048-byte buffer React is filling, it sends the
 *   whole buffer, unused tail included (`writeStringChunk`; facebook/react#24985, #31134; fixed in
 *   React 19). A Thai character is three bytes, so on a page with Thai text one or two NULs land
 *   wherever a character did not fit: nothing shows in text, but in an attribute the browser turns
 *   each into U+FFFD, and a form sent back with what the person typed (value="…") showed
 *   "สำนักงาน��เขต" — and would have stored it on the next submit. The zeros are only padding (the
 *   character goes on in the next buffer), so dropping them gives back what React meant to write.
 *   HTML has no use for any other NUL: the data Remix inlines is JSON, which escapes it, and a
 *   browser drops one in text or replaces it in an attribute.
 * - **2,048-byte pieces.** Each buffer would travel on alone: through this stream, the web stream
 *   Remix reads, and a socket write (a system call and a TCP segment) apiece — eleven of them for a
 *   13 KB receipt. React says when a burst of writing is over by calling its destination's `flush()`
 *   (the convention zlib streams and Express's compression follow), so the pieces are held until
 *   then and sent on as one. Streaming is unchanged: React writes each burst synchronously, and the
 *   shell and each resolved Suspense boundary still leave as soon as they are rendered.
 */
export class RenderedPageStream extends Transform {
  #pieces: Buffer[] = [];

  override _transform(piece: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    // The runs between zeros, as views on React's buffer: indexOf is native, a filter would call a
    // function per byte.
    let start = 0;
    for (let zero = piece.indexOf(0); zero !== -1; zero = piece.indexOf(0, start)) {
      if (zero > start) this.#pieces.push(piece.subarray(start, zero));
      start = zero + 1;
    }
    if (start < piece.length) this.#pieces.push(start === 0 ? piece : piece.subarray(start));
    callback();
  }

  /** React's end of a burst: what it wrote since the last one, as one chunk. */
  flush(): void {
    if (this.#pieces.length === 0) return;
    const burst = this.#pieces.length === 1 ? this.#pieces[0]! : Buffer.concat(this.#pieces);
    this.#pieces = [];
    this.push(burst);
  }

  /** The end of the page: whatever React wrote after its last flush. */
  override _flush(callback: TransformCallback): void {
    this.flush();
    callback();
  }
}
