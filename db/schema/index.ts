export * from './geo';
export * from './customers';
export * from './staff';
export * from './clubs';
export * from './events';
export * from './ledger';
export * from './activity';
export * from './messaging';
