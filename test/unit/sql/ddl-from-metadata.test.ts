// DDL from metadata: the SQLite statements are executed for real (better-sqlite3), constraints are shown to bite,
// and the PostgreSQL / MySQL texts carry the types, key and lookups the metadata implies.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { FieldMeta, LookupValue } from '../../../domain/metadata/metadata-model'
import { createTableDdl } from '../../../domain/sql/ddl-from-metadata'
import { columnKind } from '../../../domain/sql/sql-dialect'
import { toSqlValue } from '../../../domain/sql/sql-values'

const fields: FieldMeta[] = (
  [
    {
      systemName: 'LIST_1',
      standardName: 'ListingKey',
      dataType: 'Character',
      maxLength: 26,
      searchable: true,
      isKey: true
    },
    {
      systemName: 'LIST_22',
      standardName: 'ListPrice',
      dataType: 'Decimal',
      maxLength: 12,
      precision: 2,
      searchable: true
    },
    {
      systemName: 'LIST_15',
      standardName: 'StandardStatus',
      dataType: 'Character',
      maxLength: 30,
      searchable: true,
      lookupName: 'STATUS',
      interpretation: 'Lookup'
    },
    {
      systemName: 'LIST_9',
      standardName: 'Appliances',
      dataType: 'Character',
      maxLength: 200,
      searchable: true,
      lookupName: 'APPL',
      interpretation: 'LookupMulti'
    },
    { systemName: 'LIST_66', standardName: 'BedroomsTotal', dataType: 'Int', maxLength: 3, searchable: true },
    {
      systemName: 'LIST_87',
      standardName: 'ModificationTimestamp',
      dataType: 'DateTime',
      maxLength: 20,
      searchable: true
    },
    { systemName: 'LIST_5', standardName: 'NewConstructionYN', dataType: 'Boolean', searchable: true }
  ] as Array<Omit<FieldMeta, 'attrs'>>
).map((f) => ({ ...f, attrs: {} }))
const lookup = (value: string, longValue: string): LookupValue => ({ value, longValue, attrs: {} })
const lookups: Record<string, LookupValue[]> = {
  STATUS: [lookup('A', 'Active'), lookup('P', "Pending 'soon'")],
  APPL: [lookup('DW', 'Dishwasher')]
}
const lookupValues = (name: string): LookupValue[] | undefined => lookups[name]

function sqlite(statements: string[]): Database.Database {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  for (const sql of statements) db.exec(sql)
  return db
}

describe('createTableDdl', () => {
  it('SQLite with CHECK lookups executes, keeps the key unique and refuses a code outside the lookup', () => {
    const ddl = createTableDdl({ dialect: 'sqlite', table: 'Property_A', fields, lookups: 'check', lookupValues })
    expect(ddl.key).toBe('LIST_1')
    const db = sqlite(ddl.statements)
    const insert = db.prepare('INSERT INTO Property_A (LIST_1, LIST_22, LIST_15, LIST_9) VALUES (?, ?, ?, ?)')
    insert.run('k1', 100.5, 'A', 'DW,XX')
    expect(() => insert.run('k1', 1, 'A', null)).toThrow(/UNIQUE|PRIMARY/)
    expect(() => insert.run('k2', 1, 'Z', null)).toThrow(/CHECK/)
    const cols = db.prepare('PRAGMA table_info(Property_A)').all() as Array<{ name: string; type: string }>
    expect(Object.fromEntries(cols.map((c) => [c.name, c.type]))).toMatchObject({
      LIST_22: 'NUMERIC',
      LIST_66: 'INTEGER',
      LIST_87: 'TEXT'
    })
  })

  it('SQLite with lookup tables executes twice (IF NOT EXISTS) and the foreign key bites', () => {
    const ddl = createTableDdl({
      dialect: 'sqlite',
      table: 'Property_A',
      fields,
      lookups: 'table',
      lookupValues,
      ifNotExists: true
    })
    const db = sqlite([...ddl.statements, ...ddl.statements])
    expect(db.prepare('SELECT long_value FROM Property_A_lookup_STATUS WHERE value = ?').get('P')).toEqual({
      long_value: "Pending 'soon'"
    })
    // the multi-valued lookup gets no lookup table
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'Property_A_lookup_APPL'").get()).toBeUndefined()
    db.prepare('INSERT INTO Property_A (LIST_1, LIST_15) VALUES (?, ?)').run('k1', 'A')
    expect(() => db.prepare('INSERT INTO Property_A (LIST_1, LIST_15) VALUES (?, ?)').run('k2', 'Z')).toThrow(
      /FOREIGN KEY/
    )
  })

  it('PostgreSQL and MySQL texts: sized types, key, CHECK, standard names', () => {
    const pg = createTableDdl({
      dialect: 'postgres',
      table: 'Property',
      fields,
      lookups: 'check',
      lookupValues,
      names: 'standard'
    })
    const text = pg.statements.join('\n')
    expect(text).toContain('"ListingKey" VARCHAR(26) NOT NULL')
    expect(text).toContain('"ListPrice" DECIMAL(12,2)')
    expect(text).toContain('"BedroomsTotal" INT')
    expect(text).toContain('"ModificationTimestamp" TIMESTAMPTZ')
    expect(text).toContain('"NewConstructionYN" BOOLEAN')
    expect(text).toContain(`CHECK ("StandardStatus" IS NULL OR "StandardStatus" IN ('A', 'P'))`)
    expect(text).toContain('PRIMARY KEY ("ListingKey")')
    const my = createTableDdl({ dialect: 'mysql', table: 'Property', fields, lookups: 'table', lookupValues })
    const mysql = my.statements.join('\n')
    expect(mysql).toContain('`LIST_87` DATETIME')
    expect(mysql).toContain('INSERT IGNORE INTO `Property_lookup_STATUS`')
    expect(mysql).toContain('FOREIGN KEY (`LIST_15`) REFERENCES `Property_lookup_STATUS` (`value`)')
  })

  it('refuses a table without a key', () => {
    expect(() => createTableDdl({ dialect: 'sqlite', table: 't', fields: fields.slice(1, 2) })).toThrow(/No key field/)
  })
})

describe('types and values', () => {
  it('classifies the RETS, Edm and Spark vocabularies', () => {
    expect(['Int', 'Edm.Int32', 'Integer', 'Small'].map(columnKind)).toEqual([
      'integer',
      'integer',
      'integer',
      'integer'
    ])
    expect(['Edm.DateTimeOffset', 'DateTime', 'Datetime'].map(columnKind)).toEqual(['datetime', 'datetime', 'datetime'])
    expect(columnKind('Edm.Decimal')).toBe('decimal')
    expect(columnKind('Edm.Int64')).toBe('bigint')
    expect(columnKind('MyNamespace.StandardStatus')).toBe('text')
  })

  it('converts server values for typed columns, NULL when they do not fit', () => {
    expect(toSqlValue('sqlite', 'integer', '42')).toBe(42)
    expect(toSqlValue('sqlite', 'integer', '4.2')).toBeNull()
    expect(toSqlValue('sqlite', 'decimal', '1,250.50')).toBe(1250.5)
    expect(toSqlValue('postgres', 'boolean', 'Y')).toBe(true)
    expect(toSqlValue('sqlite', 'boolean', 'false')).toBe(0)
    expect(toSqlValue('sqlite', 'text', ['a', 'b'])).toBe('a,b')
    expect(toSqlValue('postgres', 'datetime', 'soon')).toBeNull()
    expect(toSqlValue('sqlite', 'text', '')).toBeNull()
  })

  it('reads padded values as trimmed and plain ones as they are (the sync skips trim() when nothing would go)', () => {
    expect(toSqlValue('sqlite', 'integer', ' 42 ')).toBe(42)
    expect(toSqlValue('sqlite', 'integer', '\u00a042\u00a0')).toBe(42)
    expect(toSqlValue('sqlite', 'integer', '0x2A')).toBeNull()
    expect(toSqlValue('sqlite', 'decimal', '119000.00')).toBe(119000)
    expect(toSqlValue('sqlite', 'decimal', '\t-93.695 ')).toBe(-93.695)
    expect(toSqlValue('sqlite', 'decimal', 'n/a')).toBeNull()
    expect(toSqlValue('sqlite', 'datetime', '2026-05-18T09:15:57Z')).toBe('2026-05-18T09:15:57Z')
    expect(toSqlValue('sqlite', 'date', ' 2026-05-18 ')).toBe('2026-05-18')
    expect(toSqlValue('sqlite', 'date', '\u00a0')).toBeNull()
    // text keeps its spaces; only a value of nothing but spaces is NULL
    expect(toSqlValue('sqlite', 'text', ' Main St ')).toBe(' Main St ')
    expect(toSqlValue('sqlite', 'text', '   ')).toBeNull()
  })
})
