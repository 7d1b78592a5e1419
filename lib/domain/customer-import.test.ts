import { describe, expect, it } from 'vitest';
import type { StaffActor } from './access';
import { buildProvinceLookup, diffImportedCustomer, importClubRefusal, MAX_IMPORT_BYTES, parseCustomerCsv, type CustomerImportRow } from './customer-import';

const provinces = buildProvinceLookup([
  { code: '110000', nameZh: '北京市', nameEn: 'Beijing' },
  { code: '440000', nameZh: '广东省', nameEn: 'Guangdong' },
  { code: '540000', nameZh: '西藏自治区', nameEn: 'Xizang (Tibet)' },
  { code: '650000', nameZh: '新疆维吾尔自治区', nameEn: 'Xinjiang' },
]);

const HEADER = 'mobile,name,segment,province,status';
const CLUB_HEADER = `${HEADER},join_clubs,leave_clubs`;
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');
const parseCsv = (text: string) => parseCustomerCsv(text, provinces);

describe('parseCustomerCsv: valid files', () => {
  it('normalizes every column of a valid row', () => {
    const result = parseCsv(csv('+86 186-0200-1111, 陈思远 ,postpaid_vip,440000,active'));
    expect(result).toEqual({
      rows: [{ row: 2, mobile: '18602001111', name: '陈思远', segment: 'postpaid_vip', provinceCode: '440000', status: 'active', joinClubs: [], leaveClubs: [] }],
      errors: [],
      totalRows: 1,
    });
  });

  it('accepts the Chinese header and Chinese values, a BOM and CRLF line ends', () => {
    const text = '\uFEFF手机号码,姓名,客户类型,省份,状态,加入俱乐部,退出俱乐部\r\n13002001111,李晓梅,预付费,广东,停机,,\r\n15601101111,王浩然,后付费普通,北京市,,film,\r\n18602002222,张雨欣,后付费VIP,Guangdong,正常,music|gaming,handset\r\n';
    const { rows, errors } = parseCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.row, r.segment, r.provinceCode, r.status, r.joinClubs, r.leaveClubs])).toEqual([
      [2, 'prepaid', '440000', 'suspended', [], []],
      [3, 'postpaid', '110000', null, ['film'], []],
      [4, 'postpaid_vip', '440000', 'active', ['music', 'gaming'], ['handset']],
    ]);
  });

  it('matches the header and the values case-insensitively', () => {
    const { rows, errors } = parseCsv(['Mobile, NAME ,Segment,Province,Status, Join_Clubs ,LEAVE_CLUBS', '18602001111,陈思远,PostPaid_VIP,guangdong,ACTIVE, Music | FILM ,'].join('\n'));
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ segment: 'postpaid_vip', provinceCode: '440000', status: 'active', joinClubs: ['music', 'film'] });
  });

  it('finds a province by code, full or short Chinese name and English name', () => {
    const { rows, errors } = parseCsv(
      csv('18602000001,甲,prepaid,新疆维吾尔自治区,,', '18602000002,乙,prepaid,新疆,,', '18602000003,丙,prepaid,Tibet,,', '18602000004,丁,prepaid,xizang,,', '18602000005,戊,prepaid,西藏,,'),
    );
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.provinceCode)).toEqual(['650000', '650000', '540000', '540000', '540000']);
  });

  it('leaves the status out when its cell is empty', () => {
    const { rows } = parseCsv(csv('18602001111,陈思远,postpaid,440000,'));
    expect(rows[0]).toMatchObject({ status: null });
  });

  it('counts file lines as row numbers, skipping blank lines and following quoted line breaks', () => {
    const { rows, errors, totalRows } = parseCsv(csv('', '18602000001,甲,prepaid,440000,,', ',,,,,', '"18602000002",乙,"pre', 'paid",440000,,', '18602000003,丙,prepaid,440000,,'));
    expect(totalRows).toBe(3);
    expect(rows.map((r) => r.row)).toEqual([3, 7]);
    expect(errors).toEqual([{ row: 5, column: 'segment', reason: 'unknown_segment' }]);
  });

  it('ignores the empty cells Excel adds after the last column', () => {
    const { rows, errors } = parseCsv([`${HEADER},,`, '18602000001,甲,prepaid,440000,,,,'].join('\n'));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
  });
});

describe('parseCustomerCsv: row errors', () => {
  const errorsOf = (...lines: string[]) => parseCsv(csv(...lines)).errors;

  it('refuses a bad mobile number', () => {
    expect(errorsOf('1860200111,陈思远,postpaid,440000,,')).toEqual([{ row: 2, column: 'mobile', reason: 'invalid_mobile' }]);
    expect(errorsOf('28602001111,陈思远,postpaid,440000,,')[0]?.reason).toBe('invalid_mobile');
    expect(errorsOf('1.86E+10,陈思远,postpaid,440000,,')[0]?.reason).toBe('invalid_mobile');
    expect(errorsOf(',陈思远,postpaid,440000,,')[0]?.reason).toBe('invalid_mobile');
  });

  it('refuses an unknown segment', () => {
    expect(errorsOf('18602001111,陈思远,gold,440000,,')).toEqual([{ row: 2, column: 'segment', reason: 'unknown_segment' }]);
    expect(errorsOf('18602001111,陈思远,,440000,,')[0]?.reason).toBe('unknown_segment');
  });

  it('refuses an unknown province', () => {
    expect(errorsOf('18602001111,陈思远,postpaid,火星省,,')).toEqual([{ row: 2, column: 'province', reason: 'unknown_province' }]);
    expect(errorsOf('18602001111,陈思远,postpaid,440100,,')[0]?.reason).toBe('unknown_province');
    expect(errorsOf('18602001111,陈思远,postpaid,,,')[0]?.reason).toBe('unknown_province');
  });

  it('refuses an unknown status', () => {
    expect(errorsOf('18602001111,陈思远,postpaid,440000,frozen')).toEqual([{ row: 2, column: 'status', reason: 'unknown_status' }]);
  });

  it('refuses an unknown club in either club column, and a club both joined and left', () => {
    const clubs = (join: string, leave: string) => parseCsv([CLUB_HEADER, `18602001111,陈思远,postpaid,440000,,${join},${leave}`].join('\n')).errors;
    expect(clubs('music|opera', '')).toEqual([{ row: 2, column: 'join_clubs', reason: 'unknown_club' }]);
    expect(clubs('', '音乐')).toEqual([{ row: 2, column: 'leave_clubs', reason: 'unknown_club' }]);
    expect(clubs('music|film', 'film')).toEqual([{ row: 2, column: '', reason: 'club_join_and_leave' }]);
    expect(clubs('music||music', 'gaming')).toEqual([]);
  });

  it('refuses an empty, too long or multi-line name', () => {
    expect(errorsOf('18602001111, ,postpaid,440000,,')).toEqual([{ row: 2, column: 'name', reason: 'invalid_name' }]);
    expect(errorsOf(`18602001111,${'名'.repeat(51)},postpaid,440000,,`)[0]?.reason).toBe('invalid_name');
    expect(errorsOf(`18602001111,${'名'.repeat(50)},postpaid,440000,,`)).toEqual([]);
    expect(errorsOf('18602001111,"陈\n思远",postpaid,440000,,')[0]?.reason).toBe('invalid_name');
  });

  it('refuses a name with control characters or bidi overrides', () => {
    for (const c of ['\u0000', '\u0007', '\u0085', '\u202E', '\u2066', '\u2028']) {
      expect(errorsOf(`18602001111,陈${c}思远,postpaid,440000,,`), `U+${c.charCodeAt(0).toString(16)}`).toEqual([{ row: 2, column: 'name', reason: 'invalid_name' }]);
    }
  });

  it('reports every bad column of a row and keeps the row out', () => {
    const result = parseCsv([CLUB_HEADER, '123,,gold,火星,frozen,opera,'].join('\n'));
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => e.column)).toEqual(['mobile', 'name', 'segment', 'province', 'status', 'join_clubs']);
  });

  it('keeps the first of duplicate mobile numbers and refers later ones to it', () => {
    const result = parseCsv(csv('18602001111,陈思远,postpaid,440000,,', '13002001111,李晓梅,prepaid,440000,,', '+8618602001111,陈思远,postpaid_vip,440000,,'));
    expect(result.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(result.errors).toEqual([{ row: 4, column: 'mobile', reason: 'duplicate_mobile', params: { firstRow: 2 } }]);
  });

  it('refuses a row with the wrong number of columns', () => {
    expect(errorsOf('18602001111,陈思远,postpaid,440000')).toEqual([
      { row: 2, column: '', reason: 'wrong_column_count', params: { expected: 5, found: 4 } },
    ]);
    expect(errorsOf('18602001111,陈思远,postpaid,440000,,x')[0]?.reason).toBe('wrong_column_count');
  });

  it('imports the good rows of a mixed file and reports the bad ones', () => {
    const result = parseCsv(csv('18602000001,甲,prepaid,440000,,', 'bad,乙,prepaid,440000,,', '18602000003,丙,prepaid,440000,,'));
    expect(result.totalRows).toBe(3);
    expect(result.rows.map((r) => r.mobile)).toEqual(['18602000001', '18602000003']);
    expect(result.errors).toEqual([{ row: 3, column: 'mobile', reason: 'invalid_mobile' }]);
  });
});

describe('parseCustomerCsv: file errors', () => {
  const fileErrorOf = (text: string) => parseCsv(text);

  it('refuses an empty file, and a header without rows', () => {
    for (const text of ['', '\uFEFF', '\n\n', HEADER, `${HEADER}\n\n`, `${HEADER}\n,,,,,\n`]) {
      expect(fileErrorOf(text)).toEqual({ rows: [], errors: [], totalRows: 0, fileError: 'empty_file' });
    }
  });

  it('refuses a wrong header: other names, another order, a missing or extra column, no header at all', () => {
    for (const header of [
      'phone,name,segment,province,status',
      'name,mobile,segment,province,status',
      'mobile,name,segment,province',
      'mobile,name,segment,province,status,email',
      'mobile,name,segment,province,status,join_clubs',
      'mobile,name,segment,province,status,leave_clubs,join_clubs',
      '18602001111,陈思远,postpaid,440000,,',
    ]) {
      expect(fileErrorOf(`${header}\n18602001111,陈思远,postpaid,440000,,`).fileError).toBe('wrong_header');
    }
  });

  it('refuses text that was not UTF-8 and a file that is not CSV', () => {
    expect(fileErrorOf(csv('18602001111,\uFFFD\uFFFD,postpaid,440000,,')).fileError).toBe('not_utf8');
    expect(fileErrorOf(csv('18602001111,"陈思远,postpaid,440000,,')).fileError).toBe('invalid_csv');
  });

  it('refuses a file over the size limit before parsing it', () => {
    const text = csv('18602001111,陈思远,postpaid,440000,,').padEnd(MAX_IMPORT_BYTES + 1, ' ');
    expect(fileErrorOf(text).fileError).toBe('file_too_large');
  });

  it('validates a 20 MB file in a few seconds', () => {
    const lines = [HEADER];
    let bytes = HEADER.length + 1;
    for (let i = 0; bytes < 20 * 1024 * 1024; i++) {
      const line = `186${String(i).padStart(8, '0')},客户${i},${['prepaid', 'postpaid', 'postpaid_vip'][i % 3]},${i % 2 ? '广东' : '110000'},active`;
      lines.push(line);
      bytes += Buffer.byteLength(line) + 1;
    }
    lines.push('186,坏号码,prepaid,440000,,', `18600000000,重复,prepaid,440000,,`);
    const text = lines.join('\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(20 * 1024 * 1024);

    const started = performance.now();
    const result = parseCsv(text);
    const elapsed = performance.now() - started;

    expect(result.fileError).toBeUndefined();
    expect(result.totalRows).toBe(lines.length - 1);
    expect(result.rows).toHaveLength(lines.length - 3);
    expect(result.errors).toEqual([
      { row: lines.length - 1, column: 'mobile', reason: 'invalid_mobile' },
      { row: lines.length, column: 'mobile', reason: 'duplicate_mobile', params: { firstRow: 2 } },
    ]);
    expect(elapsed).toBeLessThan(15_000);
    console.info(`validated ${result.totalRows} rows (${(text.length / 1e6).toFixed(1)} M chars) in ${Math.round(elapsed)} ms`);
  }, 60_000);
});

describe('parseCustomerCsv: balance columns', () => {
  it('refuses a file that still carries a balance column, in English or Chinese, wherever it stands', () => {
    for (const header of ['mobile,name,segment,province,status,points', '手机号码,姓名,客户类型,省份,状态,积分', 'mobile,name,segment,province,status,prepaid_balance', 'mobile,name,segment,province,余额,status']) {
      expect(parseCsv(`${header}\n18602001111,陈思远,postpaid,440000,,100`)).toEqual({ rows: [], errors: [], totalRows: 0, fileError: 'balance_columns_moved' });
    }
  });
});

describe('diffImportedCustomer', () => {
  const current = { name: '陈思远', segment: 'postpaid' as const, provinceCode: '440000', status: 'active' as const };
  const row = (over: Partial<CustomerImportRow> = {}): CustomerImportRow => ({
    row: 2,
    mobile: '18602001111',
    name: '陈思远',
    segment: 'postpaid',
    provinceCode: '440000',
    status: 'active',
    joinClubs: [],
    leaveClubs: [],
    ...over,
  });

  it('finds nothing to change in an identical row, or one that leaves the status out', () => {
    expect(diffImportedCustomer(current, row())).toEqual({});
    expect(diffImportedCustomer(current, row({ status: null }))).toEqual({});
  });

  it('lists every differing field', () => {
    expect(diffImportedCustomer(current, row({ name: '陈思源', segment: 'postpaid_vip', provinceCode: '110000', status: 'suspended' }))).toEqual({
      name: { from: '陈思远', to: '陈思源' },
      segment: { from: 'postpaid', to: 'postpaid_vip' },
      provinceCode: { from: '440000', to: '110000' },
      status: { from: 'active', to: 'suspended' },
    });
  });
});

describe('importClubRefusal', () => {
  const operator: StaffActor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '运营' };
  const row = (joinClubs: CustomerImportRow['joinClubs'], leaveClubs: CustomerImportRow['leaveClubs'] = []): CustomerImportRow => ({
    row: 7, mobile: '18602001111', name: '陈思远', segment: 'postpaid', provinceCode: '440000', status: null, joinClubs, leaveClubs,
  });
  const allowed = new Map([['music', ['postpaid']], ['film', ['postpaid']], ['gaming', ['postpaid_vip']], ['handset', ['postpaid']]] as const);
  const active = { status: 'active', segment: 'postpaid' } as const;
  const memberOf = (...clubs: string[]) => (club: string) => clubs.includes(club);

  it('lets a row join and leave under the app’s rules', () => {
    expect(importClubRefusal(operator, row(['music', 'film'], ['handset']), active, allowed, memberOf('handset'))).toBeNull();
  });

  it('names the first refusal with its column: leaving before joining, as they are written', () => {
    expect(importClubRefusal(operator, row(['gaming']), active, allowed, memberOf())).toEqual({ row: 7, column: 'join_clubs', reason: 'segment_not_allowed' });
    expect(importClubRefusal(operator, row(['music']), active, allowed, memberOf('music'))).toEqual({ row: 7, column: 'join_clubs', reason: 'already_member' });
    expect(importClubRefusal(operator, row(['music']), { ...active, status: 'suspended' }, allowed, memberOf())).toEqual({ row: 7, column: 'join_clubs', reason: 'customer_not_active' });
    expect(importClubRefusal(operator, row(['gaming'], ['film']), active, allowed, memberOf())).toEqual({ row: 7, column: 'leave_clubs', reason: 'not_member' });
    // A suspended customer may still leave.
    expect(importClubRefusal(operator, row([], ['film']), { ...active, status: 'suspended' }, allowed, memberOf('film'))).toBeNull();
  });

  it('keeps an operator limited to some clubs to those', () => {
    expect(importClubRefusal({ ...operator, clubCodes: ['music'] }, row(['film']), active, allowed, memberOf())).toEqual({ row: 7, column: 'join_clubs', reason: 'club_outside_scope' });
  });
});
