import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/run-script.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    create table districts (
      number integer primary key check (number between 1 and 9),
      name text not null
    );

    create table towns (
      id integer primary key,
      name text not null unique,
      slug text not null unique,
      county text not null,
      municipality_type text not null,
      population integer,
      congressional_districts integer[] not null,
      primary_district integer not null references districts(number),
      district_shares jsonb not null default '{}',
      state_rep_districts text[] not null default '{}',
      state_senate_districts text[] not null default '{}',
      latitude double precision,
      longitude double precision
    );

    create table zip_codes (
      zip text primary key check (zip ~ '^[0-9]{5}$'),
      congressional_districts integer[] not null
    );

    create table representatives (
      id text primary key,
      chamber text not null check (chamber in ('house', 'senate')),
      district integer references districts(number),
      name text not null,
      party text,
      website text,
      phone text,
      contact_form text,
      details jsonb not null default '{}'
    );

    create table state_legislators (
      id text primary key,
      chamber text not null check (chamber in ('house', 'senate')),
      district text not null,
      name text not null,
      party text,
      email text,
      phone text,
      profile_url text
    );
    create index state_legislators_district_idx on state_legislators(district);

    create table issue_areas (
      slug text primary key,
      name text not null,
      position integer not null default 0
    );
  `,
  );
}
