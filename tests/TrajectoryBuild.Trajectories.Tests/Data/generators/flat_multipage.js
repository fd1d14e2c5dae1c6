// Writes a flat Parquet file whose column chunks hold many version-1 data pages (parquetjs-lite), as pyarrow writes
// pages of about 1 MB. Usage: node flat_multipage.js OUT ROWS PAGE_ROWS CODEC TEXT_BYTES (see ../README.md)
const parquet = require('parquetjs-lite');
const [out, rows, pageRows, codec, textBytes] = [process.argv[2], +process.argv[3], +process.argv[4], process.argv[5] || 'UNCOMPRESSED', +(process.argv[6] || 200)];
const schema = new parquet.ParquetSchema({
  instance_id: { type: 'UTF8', compression: codec },
  messages: { type: 'UTF8', optional: true, compression: codec },
  resolved: { type: 'BOOLEAN', optional: true },
  patch: { type: 'UTF8', optional: true, compression: codec },
});
// Deterministic filler: row i's texts are made from its index alone.
function text(i, n) {
  const words = ['ls -la', 'OBSERVATION:', 'é ü', '日本', '"quoted"', 'back\\slash', 'tab\there', 'line\nbreak', '🙂'];
  let s = '';
  for (let k = 0; s.length < n; k++) s += words[(i * 7 + k) % words.length] + ' ';
  return s;
}
(async () => {
  const writer = await parquet.ParquetWriter.openFile(schema, out, { pageSize: pageRows, rowGroupSize: rows, useDataPageV2: false });
  for (let i = 0; i < rows; i++) {
    const messages = JSON.stringify([{ role: 'system', content: 'sys ' + i }, { role: 'user', content: text(i, textBytes) }, { role: 'assistant', content: text(i + 1, textBytes / 2) }]);
    const row = { instance_id: 'repo__task-' + i };
    if (i % 11 !== 5) row.messages = messages;
    if (i % 3 !== 0) row.resolved = i % 2 === 0;
    if (i % 4 !== 1) row.patch = 'diff --git a/f b/f\n+' + text(i, 40);
    await writer.appendRow(row);
  }
  await writer.close();
})();
