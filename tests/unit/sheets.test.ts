import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ValueType, Workbook } from 'exceljs';
import iconv from 'iconv-lite';
import {
  csvBuffer,
  neutralise,
  normaliseText,
  parseBoolean,
  parseDate,
  parseNumber,
  readTable,
  readTableFromBuffer,
  splitList,
  workbookBuffer,
  writeTable,
  type CellValue,
} from '../../lib/sheets';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sheets-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadWorkbook(buffer: Buffer): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(new Uint8Array(buffer).buffer);
  return wb;
}

describe('xlsx round trip', () => {
  const caseNo = '渑市监罚〔2025〕12号';
  const onlyDate = new Date(Date.UTC(2025, 2, 5)); // a plain date as lib/scalars.ts reads it
  const withTime = new Date('2025-03-05T01:30:00Z'); // 09:30 in China
  const chinaMidnight = new Date('2025-03-04T16:00:00Z'); // 2025-03-05 00:00 in China

  it('writes two sheets and reads the first back with its header, values and line numbers', async () => {
    const file = path.join(dir, 'ledger.xlsx');
    await writeTable(file, [
      {
        name: '案件/2025',
        header: ['案号', '立案日期', '罚款金额', '已结案'],
        rows: [
          [caseNo, onlyDate, 12345.5, true],
          ['（二）', withTime, 0, false],
          [null, chinaMidnight, -5, null],
        ],
      },
      { name: '案件:2025', header: ['说明'], rows: [['第二张表']] },
    ]);
    const table = await readTable(file);
    expect(table.header).toEqual(['案号', '立案日期', '罚款金额', '已结案']);
    expect(table.encoding).toBeUndefined();
    expect(table.rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(table.rows[0].cells).toEqual([caseNo, onlyDate, 12345.5, true]);
    // Dates come back as Excel shows them: China's wall clock in the UTC fields, which parseDate reads as +08:00.
    expect(table.rows[1].cells).toEqual(['（二）', new Date('2025-03-05T09:30:00Z'), 0, false]);
    expect(parseDate(table.rows[1].cells[1])).toEqual({ value: '2025-03-05T09:30:00+08:00' });
    expect(new Date((parseDate(table.rows[1].cells[1]) as { value: string }).value)).toEqual(withTime);
    expect(table.rows[2].cells).toEqual([null, onlyDate, -5]);

    const wb = await loadWorkbook(await readFile(file));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['案件_2025', '案件_2025 (2)']);
    expect(wb.worksheets[1].getCell('A2').value).toBe('第二张表');
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('B2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('B3').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getCell('B4').numFmt).toBe('yyyy-mm-dd');
  });

  it('sizes columns by content, CJK counting double, up to 60; names stay within 31 characters', async () => {
    const long = 'x'.repeat(40);
    const wb = await loadWorkbook(
      await workbookBuffer([
        { name: long, header: ['案号', 'note', 'wide'], rows: [[caseNo, 'abc', '长'.repeat(50)]] },
        { name: long, header: [], rows: [] },
      ]),
    );
    const ws = wb.worksheets[0];
    expect(ws.getColumn(1).width).toBe(22); // 渑市监罚〔〕号: 7 wide (14), 202512: 6 narrow, plus 2
    expect(ws.getColumn(2).width).toBe(8); // the minimum
    expect(ws.getColumn(3).width).toBe(60);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['x'.repeat(31), `${'x'.repeat(27)} (2)`]);
  });

  it('refuses an extension it cannot write or read, naming the file and the kinds it takes', async () => {
    await expect(writeTable(path.join(dir, 'a.xls'), [{ name: 'a', header: ['a'], rows: [] }])).rejects.toThrow(/a\.xls.*\.xlsx.*\.csv/);
    await expect(readTable(path.join(dir, 'ledger.ods'))).rejects.toThrow(/ledger\.ods.*\.xlsx.*\.csv/);
  });

  it('reads formulas by their result, rich text and links by their text, errors as null; skips empty rows', async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('s');
    ws.getRow(2).values = ['  案号 ', '金额', '链接', '错误'];
    ws.getRow(4).values = [
      { richText: [{ text: '渑市', font: { bold: true } }, { text: '监罚' }] },
      { formula: 'A1+1', result: 7 },
      { text: '详情', hyperlink: 'https://example.org' },
      { error: '#N/A' },
    ];
    ws.getRow(5).values = ['', null];
    ws.getRow(6).values = ['last'];
    const table = await readTableFromBuffer(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
    expect(table.header).toEqual(['案号', '金额', '链接', '错误']);
    expect(table.rows).toEqual([
      { line: 4, cells: ['渑市监罚', 7, '详情'] },
      { line: 6, cells: ['last'] },
    ]);
  });
});

describe('csv reading', () => {
  const text = '案号,当事人\r\n渑市监罚〔2025〕12号,张三\r\n';
  const expected = { header: ['案号', '当事人'], rows: [{ line: 2, cells: ['渑市监罚〔2025〕12号', '张三'] }] };

  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8'],
    ['UTF-8 without BOM', Buffer.from(text), 'utf-8'],
    ['GBK', iconv.encode(text, 'gbk'), 'gb18030'],
  ])('reads %s to the same cells', async (_kind, bytes, encoding) => {
    const file = path.join(dir, `enc-${encoding}-${bytes.length}.csv`);
    await writeFile(file, bytes);
    expect(await readTable(file)).toEqual({ ...expected, encoding });
  });

  it.each([
    ['tab', '案号\t当事人\r\n渑市监罚〔2025〕12号\t张三\r\n'],
    ['semicolon', '案号;当事人\n渑市监罚〔2025〕12号;张三\n'],
    ['semicolon with commas in quoted header', '"案号,旧";当事人\n渑市监罚〔2025〕12号;张三\n'],
  ])('detects a %s separator', async (_kind, input) => {
    const table = await readTableFromBuffer(Buffer.from(input), 'csv');
    expect(table.rows).toEqual(expected.rows);
    expect(table.header[1]).toBe('当事人');
  });

  it('keeps a comma and a line break inside a quoted cell, and counts lines as an editor does', async () => {
    const input = '案号,备注\r\n"A1","甲,乙\r\n丙"\r\n\r\nA2,"说""明"\r\n,\r\nA3\r\n';
    const table = await readTableFromBuffer(Buffer.from(input), 'csv');
    expect(table.rows).toEqual([
      { line: 2, cells: ['A1', '甲,乙\n丙'] },
      { line: 5, cells: ['A2', '说"明'] },
      { line: 7, cells: ['A3'] },
    ]);
  });

  it('gives every cell as a string, an empty one as null', async () => {
    const table = await readTableFromBuffer(Buffer.from('a,b,c\n0012,,2025-03-05\n'), 'csv');
    expect(table.rows[0].cells).toEqual(['0012', null, '2025-03-05']);
  });
});

describe('csv writing', () => {
  it('writes UTF-8 with a BOM, CRLF line ends, dates in China time; refuses more than one sheet', async () => {
    const bytes = csvBuffer({
      name: 's',
      header: ['案号', '日期', '时间', '金额', '是否'],
      rows: [['渑市监罚〔2025〕12号', new Date(Date.UTC(2025, 2, 5)), new Date('2025-03-04T17:30:00Z'), 1234.5, false]],
    });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('案号,日期,时间,金额,是否\r\n渑市监罚〔2025〕12号,2025-03-05,2025-03-05 01:30,1234.5,FALSE\r\n');
    const sheet = { name: 's', header: ['a'], rows: [] };
    await expect(writeTable(path.join(dir, 'two.csv'), [sheet, sheet])).rejects.toThrow(/one sheet.*\.xlsx/);
  });

  it('quotes a cell with a line break so it stays one record', async () => {
    const file = path.join(dir, 'multi.csv');
    await writeTable(file, [{ name: 's', header: ['备注', '序号'], rows: [['一\n二', 1], ['三', 2]] }]);
    const table = await readTable(file);
    expect(table.rows).toEqual([
      { line: 2, cells: ['一\n二', '1'] },
      { line: 4, cells: ['三', '2'] },
    ]);
  });
});

describe('formula injection', () => {
  const hostile = ['=1+1', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1'];

  it.each(hostile)('neutralise(%j) gets a leading apostrophe', (text) => {
    expect(neutralise(text)).toBe(`'${text}`);
  });

  it.each(['渑市监罚〔2025〕12号', '1+1', "'=quoted already", ''])('neutralise(%j) leaves it', (text) => {
    expect(neutralise(text)).toBe(text);
  });

  const sheet = { name: 's', header: ['=HEADER()', 'n'], rows: hostile.map((t): CellValue[] => [t, -5]) };

  it('writes each as text with an apostrophe in a .csv, and a negative number as a number', () => {
    const records = parse(csvBuffer(sheet), { bom: true }) as string[][];
    expect(records).toEqual([["'=HEADER()", 'n'], ...hostile.map((t) => [`'${t}`, '-5'])]);
  });

  it('writes each as a string cell with an apostrophe in an .xlsx, never a formula', async () => {
    const ws = (await loadWorkbook(await workbookBuffer([sheet]))).worksheets[0];
    expect(ws.getCell('A1').value).toBe("'=HEADER()");
    hostile.forEach((t, i) => {
      const cell = ws.getCell(i + 2, 1);
      expect(cell.type).toBe(ValueType.String);
      // exceljs writes a CR unescaped and XML reads any CR as LF, so '\r=1 comes back as '\n=1: still inert text.
      expect(cell.value).toBe(`'${t}`.replace('\r', '\n'));
      const number = ws.getCell(i + 2, 2);
      expect(number.type).toBe(ValueType.Number);
      expect(number.value).toBe(-5);
    });
  });
});

describe('parseDate', () => {
  it.each<[CellValue, string]>([
    ['2025-03-05', '2025-03-05'],
    ['2025/3/5', '2025-03-05'],
    ['2025.3.5', '2025-03-05'],
    ['2025年3月5日', '2025-03-05'],
    ['2025年03月05日', '2025-03-05'],
    ['20250305', '2025-03-05'],
    [20250305, '2025-03-05'],
    ['２０２５年３月５日', '2025-03-05'],
    ['　2025 - 3 - 5 ', '2025-03-05'],
    ['2025-03-05 9:30', '2025-03-05T09:30:00+08:00'],
    ['2025/3/5 09:30:15', '2025-03-05T09:30:15+08:00'],
    ['2025.3.5 9:30', '2025-03-05T09:30:00+08:00'],
    ['2025年3月5日9:30', '2025-03-05T09:30:00+08:00'],
    ['2025年03月05日 09:30:15', '2025-03-05T09:30:15+08:00'],
    ['20250305 09:30', '2025-03-05T09:30:00+08:00'],
    ['2025-03-05T09:30', '2025-03-05T09:30:00+08:00'],
    ['2025-03-05T09:30:15', '2025-03-05T09:30:15+08:00'],
    ['2025年3月5日 ９：３０', '2025-03-05T09:30:00+08:00'],
    [45721, '2025-03-05'],
    ['45721', '2025-03-05'],
    [45721.5, '2025-03-05T12:00:00+08:00'],
    [17899, '1949-01-01'], // serials past the fake 1900-02-29 count from 1899-12-30
    [new Date(Date.UTC(2025, 2, 5)), '2025-03-05'],
    [new Date(Date.UTC(2025, 2, 5, 9, 30)), '2025-03-05T09:30:00+08:00'],
    [new Date(Date.UTC(2025, 2, 5, 9, 29, 59, 999)), '2025-03-05T09:30:00+08:00'],
    ['2024-02-29', '2024-02-29'],
    ['2100-12-31', '2100-12-31'],
  ])('reads %j as %s', (input, value) => {
    expect(parseDate(input)).toEqual({ value });
  });

  // Serial 60 is Excel's 1900-02-29, a day that never was: refused, not moved to 02-28 or 03-01.
  it.each<[CellValue, RegExp]>([
    [60, /^日期无法识别：60（.*1900-02-29/],
    ['2025-02-30', /^日期无法识别：2025-02-30（2025年2月没有30日；请写成 2025-03-05/],
    ['2025-13-01', /^日期无法识别：2025-13-01（没有13月/],
    ['2023-02-29', /^日期无法识别：2023-02-29/],
    ['abc', /^日期无法识别：abc（请写成 2025-03-05、2025\/3\/5 或 2025年3月5日）$/],
    ['2025-03-05 25:00', /^日期无法识别：2025-03-05 25:00（时间 25:00 不存在/],
    ['2025-3/5', /^日期无法识别：2025-3\/5/],
    ['1800-01-01', /^日期超出范围：1800-01-01（年份应在 1949 至 2100 之间）$/],
    ['2101-01-01', /^日期超出范围：2101-01-01/],
    [1000, /^日期超出范围：1000（按 Excel 序列号读作 1902-09-26/],
    [0, /^日期无法识别：0（/],
    [-5, /^日期无法识别：-5（/],
    ['2958466', /^日期无法识别：2958466（/],
    [new Date(Date.UTC(1900, 0, 1)), /^日期超出范围：1900-01-01T00:00:00.000Z/],
    [true, /^日期无法识别：true/],
    [null, /^日期未填写$/],
    ['  ', /^日期未填写$/],
  ])('refuses %j', (input, message) => {
    const result = parseDate(input);
    expect(result).toEqual({ error: expect.stringMatching(message) });
  });
});

describe('normaliseText', () => {
  it.each<[CellValue, string | null]>([
    ['ＡＢＣ１２３ｘｙｚ', 'ABC123xyz'],
    ['　张三\u00a0 李四\n\t王五　', '张三 李四 王五'],
    ['渑市监罚〔２０２５〕１２号（一）', '渑市监罚〔2025〕12号（一）'],
    ['，。：；！', '，。：；！'], // full-width punctuation is not NFKC'd
    ['  ', null],
    ['', null],
    [null, null],
    [12345, '12345'],
    [410123198001011234, '410123198001011260'], // already rounded when typed as a number: nothing to recover
    [1e21, '1000000000000000000000'],
    [12.5, '12.5'],
    [true, 'true'],
    [new Date(Date.UTC(2025, 2, 5)), '2025-03-05'],
    [new Date(Date.UTC(2025, 2, 5, 9, 30)), '2025-03-05T09:30:00+08:00'],
  ])('normalises %j to %j', (input, text) => {
    expect(normaliseText(input)).toBe(text);
  });
});

describe('parseNumber', () => {
  it.each<[CellValue, number]>([
    [12.5, 12.5],
    [-5, -5],
    ['1234', 1234],
    ['１２３４', 1234],
    ['1,234,567.89', 1234567.89],
    ['1,234 元', 1234],
    ['500元', 500],
    ['-12.5', -12.5],
    ['０．５', 0.5],
    [' 42 ', 42],
  ])('reads %j as %d', (input, value) => {
    expect(parseNumber(input)).toEqual({ value });
  });

  it.each<[CellValue, RegExp]>([
    ['abc', /^数字无法识别：abc/],
    ['1,2,3', /^数字无法识别：1,2,3/],
    ['12元5', /^数字无法识别/],
    ['1e5', /^数字无法识别/],
    [Number.NaN, /^数字无法识别/],
    [true, /^数字无法识别/],
    [null, /^数字未填写/],
  ])('refuses %j', (input, message) => {
    expect(parseNumber(input)).toEqual({ error: expect.stringMatching(message) });
  });
});

describe('parseBoolean', () => {
  it.each<[CellValue, boolean]>([
    ['是', true],
    ['否', false],
    ['有', true],
    ['无', false],
    ['Y', true],
    ['n', false],
    ['Yes', true],
    ['NO', false],
    ['TRUE', true],
    ['false', false],
    ['1', true],
    ['０', false],
    [1, true],
    [0, false],
    [true, true],
    [false, false],
  ])('reads %j as %s', (input, value) => {
    expect(parseBoolean(input)).toEqual({ value });
  });

  it.each<[CellValue]>([['也许'], ['2'], [2], [null]])('refuses %j', (input) => {
    expect(parseBoolean(input)).toEqual({ error: expect.stringMatching(/是否.*请写 是 或 否/) });
  });
});

describe('splitList', () => {
  it.each<[CellValue, string[]]>([
    ['张三、李四', ['张三', '李四']],
    ['张三, 李四，王五;赵六；钱七', ['张三', '李四', '王五', '赵六', '钱七']],
    ['张三\r\n李四\n\n王五', ['张三', '李四', '王五']],
    [' 张三 、、 ,李四 ', ['张三', '李四']],
    ['渑市监罚〔2025〕12号', ['渑市监罚〔2025〕12号']],
    ['', []],
    [null, []],
    [42, ['42']],
  ])('splits %j', (input, items) => {
    expect(splitList(input)).toEqual(items);
  });
});
