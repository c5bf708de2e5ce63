/** A multipart body as a browser sends it, encoded by the platform's own FormData. */
export async function multipartForm(fields: Record<string, string | { data: Buffer; name: string; type: string }>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([new Uint8Array(value.data)], { type: value.type }), value.name);
  }
  const encoded = new Response(form);
  return { payload: Buffer.from(await encoded.arrayBuffer()), headers: { 'content-type': encoded.headers.get('content-type')! } };
}

/**
 * A multipart body put together byte by byte, for what FormData cannot send:
 * a field or a file name in another encoding than UTF-8, as an old client's form in GBK.
 */
export function rawMultipartForm(parts: Array<{ name: string; value: Buffer; fileName?: Buffer; type?: string }>) {
  const boundary = 'bendi-raw-form-boundary';
  const chunks = parts.flatMap(({ name, value, fileName, type }) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"`),
    ...(fileName ? [Buffer.from('; filename="'), fileName, Buffer.from('"')] : []),
    Buffer.from(type ? `\r\nContent-Type: ${type}\r\n\r\n` : '\r\n\r\n'),
    value,
    Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
