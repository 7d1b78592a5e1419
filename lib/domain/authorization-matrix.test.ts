import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ACTOR_KINDS, AUTHORIZATION_MATRIX, expectedAccess, rowId, type ActorKind, type MatrixRow } from './authorization-matrix';

const APP = path.join(process.cwd(), 'app');
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const appFiles = fs
  .readdirSync(APP, { recursive: true, encoding: 'utf8' })
  .map((file) => file.split(path.sep).join('/'))
  .filter((file) => /\.(ts|tsx)$/.test(file) && !/\.test\.tsx?$/.test(file));

/** The URL pattern of a folder under app/: route groups such as (member) are not part of it. */
const urlOf = (folder: string) => `/${folder.split('/').filter((s) => s !== '.' && !/^\(.*\)$/.test(s)).join('/')}`;

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(path.join(APP, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The names a module exports, including `export { handler as GET }`. */
function exportedNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && isExported(statement) && statement.name) names.push(statement.name.text);
    if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    }
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.push(element.name.text);
    }
  }
  return names;
}

const directives = (body: readonly ts.Statement[]) =>
  body.filter((s): s is ts.ExpressionStatement => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)).map((s) => (s.expression as ts.StringLiteral).text);

/** Functions that declare 'use server' in their own body (inline server actions), by name or position. */
function inlineServerActions(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const body = (ts.isFunctionLike(node) && 'body' in node ? node.body : undefined) as ts.Node | undefined;
    if (body && ts.isBlock(body) && directives(body.statements).includes('use server')) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${source.fileName}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** What app/ holds, as rows would name it. */
function routesInApp() {
  const pages = appFiles.filter((f) => /(^|\/)page\.tsx$/.test(f)).map((f) => urlOf(path.posix.dirname(f)));
  const handlers = appFiles
    // The channel API's answer to a path no route serves (404 problem+json for everyone, see
    // app/api/v1/routes.test.ts) is no operation anyone may be allowed.
    .filter((f) => /(^|\/)route\.ts$/.test(f) && f !== 'api/v1/[[...path]]/route.ts')
    .flatMap((f) => {
      const url = urlOf(path.posix.dirname(f));
      const surface = url.startsWith('/api/v1/') ? 'api' : 'route';
      return exportedNames(parse(f))
        .filter((name) => HTTP_METHODS.has(name))
        .map((method) => `${surface} ${method} ${url}`);
    });
  const actionModules = appFiles.filter((f) => directives(parse(f).statements).includes('use server'));
  const actions = actionModules.flatMap((f) => exportedNames(parse(f)).map((name) => `app/${f}#${name}`));
  const inline = appFiles.flatMap((f) => inlineServerActions(parse(f)));
  return { pages, handlers, actions, actionModules, inline };
}

const byKind = (surface: MatrixRow['surface']) => AUTHORIZATION_MATRIX.filter((row) => row.surface === surface);

/** What app/ has without a row (add one to AUTHORIZATION_MATRIX), and rows for what is gone. */
function compare(inApp: string[], inMatrix: string[]) {
  return { withoutRow: inApp.filter((x) => !inMatrix.includes(x)).sort(), rowWithoutRoute: inMatrix.filter((x) => !inApp.includes(x)).sort() };
}
const agree = { withoutRow: [], rowWithoutRoute: [] };

describe('the authorization matrix covers the app', () => {
  const found = routesInApp();

  it('has one row for every page, and no row for a page that is gone', () => {
    expect(found.pages.length).toBeGreaterThan(0);
    expect(compare(found.pages, byKind('page').map(rowId))).toEqual(agree);
  });

  it('has one row for every method a route handler exports (the channel API under /api/v1 as api rows)', () => {
    const rows = AUTHORIZATION_MATRIX.filter((r) => r.surface === 'route' || r.surface === 'api').map((r) => `${r.surface} ${rowId(r)}`);
    expect(found.handlers.length).toBeGreaterThan(0);
    expect(compare(found.handlers, rows)).toEqual(agree);
  });

  it('has one row for every export of a server-action module, and there are no inline server actions', () => {
    expect(found.actionModules.every((f) => /actions\.ts$/.test(f))).toBe(true);
    expect(found.actions.length).toBeGreaterThan(0);
    expect(compare(found.actions, byKind('action').map(rowId))).toEqual(agree);
    expect(found.inline).toEqual([]);
  });

  it('names each row once, with the parameters its path has', () => {
    const ids = AUTHORIZATION_MATRIX.map(rowId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const row of AUTHORIZATION_MATRIX) {
      if (row.surface === 'action') continue;
      const inPath = [...row.path.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]);
      const named = Object.keys(row.params ?? {});
      const example = 'example' in row ? row.example : undefined;
      // A path's parameters are all samples, or the row gives a concrete path to call instead.
      expect(example !== undefined || named.sort().join() === inPath.sort().join(), `${rowId(row)}: params ${named} for ${inPath}`).toBe(true);
    }
  });
});

describe('the expected answers', () => {
  const answers = (row: MatrixRow) => Object.fromEntries(ACTOR_KINDS.map((k) => [k, expectedAccess(row, k)])) as Record<ActorKind, string>;
  const find = (id: string) => AUTHORIZATION_MATRIX.find((r) => rowId(r) === id)!;

  it('let everyone use a public row', () => {
    expect(new Set(Object.values(answers(find('/signin'))))).toEqual(new Set(['allowed']));
    expect(new Set(Object.values(answers(find('GET /api/v1/health'))))).toEqual(new Set(['allowed']));
  });

  it('send the signed out to sign in, refuse other roles, and hide a target outside the province', () => {
    expect(answers(find('/ops/customers/[id]'))).toEqual({
      signedOut: 'unauthenticated',
      member: 'forbidden',
      memberOfOtherProvince: 'forbidden',
      operator: 'allowed',
      operatorOfOtherClubs: 'allowed',
      operatorOfOtherProvince: 'not_found',
      provincialAnalyst: 'forbidden',
      hqAnalyst: 'forbidden',
      admin: 'allowed',
      token: 'unauthenticated',
      tokenOfOtherProvince: 'unauthenticated',
    });
  });

  it('refuse an operator outside the target’s club, and let analysts read what their row allows them', () => {
    expect(answers(find('GET /ops/events/[id]/attendance'))).toMatchObject({
      operator: 'allowed',
      operatorOfOtherClubs: 'outside_club',
      operatorOfOtherProvince: 'not_found',
      provincialAnalyst: 'allowed',
      hqAnalyst: 'allowed',
    });
    expect(answers(find('/ops/services'))).toMatchObject({ operator: 'allowed', operatorOfOtherClubs: 'outside_club', operatorOfOtherProvince: 'allowed' });
  });

  it('keep a member’s own things from every other member, and the API from session cookies', () => {
    expect(answers(find('/tickets/[id]'))).toMatchObject({ member: 'allowed', memberOfOtherProvince: 'not_found', operator: 'forbidden' });
    expect(answers(find('POST /api/v1/registrations'))).toEqual({
      signedOut: 'unauthenticated',
      member: 'unauthenticated',
      memberOfOtherProvince: 'unauthenticated',
      operator: 'unauthenticated',
      operatorOfOtherClubs: 'unauthenticated',
      operatorOfOtherProvince: 'unauthenticated',
      provincialAnalyst: 'unauthenticated',
      hqAnalyst: 'unauthenticated',
      admin: 'unauthenticated',
      token: 'allowed',
      tokenOfOtherProvince: 'not_found',
    });
  });

  it('open an event’s shared link to whoever has no session, and keep the member page to its province', () => {
    expect(answers(find('/events/[id]'))).toEqual({
      signedOut: 'allowed',
      member: 'allowed',
      memberOfOtherProvince: 'not_found',
      operator: 'forbidden',
      operatorOfOtherClubs: 'forbidden',
      operatorOfOtherProvince: 'forbidden',
      provincialAnalyst: 'forbidden',
      hqAnalyst: 'forbidden',
      admin: 'forbidden',
      token: 'allowed',
      tokenOfOtherProvince: 'allowed',
    });
  });

  it('give admins every staff row but an account manager\'s own (their VIPs are nobody else\'s)', () => {
    const staffRows = AUTHORIZATION_MATRIX.filter((r) => r.roles !== 'public' && r.surface !== 'api' && r.roles.some((role) => role !== 'member' && role !== 'account_manager'));
    expect(staffRows.filter((r) => expectedAccess(r, 'admin') !== 'allowed').map(rowId)).toEqual([]);
  });
});
