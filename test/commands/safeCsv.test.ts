// CSV that is safe in every spreadsheet (issue #13): every field quoted, and no cell a spreadsheet could
// run as a formula, whether it splits on , or on ; (German Excel), honouring the quotes or not.
import { parse } from 'csv-parse/sync';
import { safeCsv } from '../../bot/src/commands/programInsights';

const HOSTILE = [
  'Budget ok;=1+1;@SUM(9)',
  '=HYPERLINK("http://evil.example","click")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  '  =1',
  '"=1"',
  'a,=b',
  'a; -1',
  'fine text',
  'Growth 5-10 % (=good)',
  '',
  42,
  'line\n=break',
];
const FORMULA = /^[\s"]*[=+\-@]|^[\t\r]/;

const csv = safeCsv([
  ['section', 'figure', 'value'],
  ...HOSTILE.map((v, i) => ['learning', `row ${i}`, v]),
  [HOSTILE[0], HOSTILE[2], HOSTILE[4]],
]);

test('every field is quoted', () => {
  const fields = parse(csv, { delimiter: ',', relax_column_count: true, raw: true }) as unknown as { raw: string }[];
  expect(fields.length).toBeGreaterThan(0);
  // Every record's raw text is quoted fields joined by commas.
  for (const { raw } of fields) expect(raw.replace(/\r?\n$/, '')).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/s);
});

test('parsed with , : no cell starts a formula, and the text is kept (behind an apostrophe where needed)', () => {
  const rows = parse(csv, { delimiter: ',' }) as string[][];
  expect(rows).toHaveLength(HOSTILE.length + 2);
  for (const row of rows)
    for (const cell of row) expect({ cell, formula: FORMULA.test(cell) }).toEqual({ cell, formula: false });
  const values = rows.slice(1, -1).map((r) => r[2]);
  expect(values[0]).toBe("Budget ok;'=1+1;'@SUM(9)");
  expect(values[11]).toBe('fine text');
  expect(values[14]).toBe('42');
  // Removing the apostrophes gives back what was written.
  expect(values.map((v) => v!.replace(/(^|[,;\t\r\n])'/g, '$1'))).toEqual(HOSTILE.map(String));
});

test('parsed with ; (German Excel), honouring quotes or splitting blindly: no cell starts a formula', () => {
  const honouring = parse(csv, { delimiter: ';', relax_quotes: true, relax_column_count: true }) as string[][];
  const blind = csv.split(/\r?\n/).map((line) => line.split(';'));
  for (const cells of [honouring.flat(), blind.flat()]) {
    expect(cells.length).toBeGreaterThan(HOSTILE.length);
    for (const cell of cells) expect({ cell, formula: FORMULA.test(cell) }).toEqual({ cell, formula: false });
  }
  // The attack text really was split there: the pieces exist, neutralised.
  expect(blind.flat()).toEqual(expect.arrayContaining(["'=1+1", `'@SUM(9)"`]));
});
