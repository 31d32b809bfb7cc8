extension SQLiteSchema {
    static let record = """
        CREATE TABLE offices (
          id TEXT PRIMARY KEY NOT NULL,
          name TEXT NOT NULL CHECK (name <> ''),
          parent TEXT REFERENCES offices(id),
          fingerprint INTEGER NOT NULL,
          CHECK (parent IS NULL OR parent <> id)
        );
        CREATE TABLE units (
          seq INTEGER PRIMARY KEY,
          id TEXT UNIQUE NOT NULL,
          name TEXT NOT NULL CHECK (name <> ''),
          kind TEXT NOT NULL CHECK (kind IN ('office','county','committee','department','township','other')),
          grp TEXT NOT NULL CHECK (grp <> ''),
          parent TEXT REFERENCES units(id),
          office TEXT NOT NULL REFERENCES offices(id),
          fingerprint INTEGER NOT NULL,
          CHECK (parent IS NULL OR parent <> id)
        );
        CREATE TABLE people (
          seq INTEGER PRIMARY KEY,
          id TEXT UNIQUE NOT NULL,
          name TEXT NOT NULL CHECK (name <> ''),
          unit TEXT NOT NULL REFERENCES units(id),
          roles TEXT NOT NULL CHECK (roles <> ''),
          phone TEXT,
          email TEXT,
          fingerprint INTEGER NOT NULL
        );
        CREATE INDEX people_unit ON people(unit);
        CREATE TABLE publications (
          id TEXT PRIMARY KEY NOT NULL,
          name TEXT NOT NULL,
          level TEXT NOT NULL CHECK (level IN ('city','province','state')),
          kind TEXT NOT NULL CHECK (kind IN ('briefing','digest','special','feature')),
          office TEXT REFERENCES offices(id),
          fingerprint INTEGER NOT NULL
        );
        CREATE TABLE commissions (
          id TEXT PRIMARY KEY NOT NULL,
          office TEXT NOT NULL REFERENCES offices(id),
          topic TEXT NOT NULL,
          assigned_at INTEGER NOT NULL,
          due_at INTEGER NOT NULL,
          fingerprint INTEGER NOT NULL,
          CHECK (due_at > assigned_at)
        );
        CREATE TABLE commission_units (
          commission TEXT NOT NULL REFERENCES commissions(id),
          position INTEGER NOT NULL,
          unit TEXT NOT NULL REFERENCES units(id),
          PRIMARY KEY (commission, position),
          UNIQUE (commission, unit)
        );
        CREATE TABLE items (
          seq INTEGER PRIMARY KEY,
          id TEXT UNIQUE NOT NULL,
          category TEXT NOT NULL CHECK (category IN ('policy','instruction','inspection','fieldwork','progress','meeting','emergency','economy','absence','award','other')),
          title TEXT NOT NULL CHECK (title <> ''),
          body TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('draft','submitted','returned','editing','adopted','reserved','rejected','merged')),
          created_at INTEGER NOT NULL,
          submitted_at INTEGER,
          submitted_day INTEGER,
          commission TEXT REFERENCES commissions(id),
          fingerprint INTEGER NOT NULL,
          CHECK (submitted_at IS NULL OR submitted_at >= created_at),
          CHECK (status = 'draft' OR submitted_at IS NOT NULL)
        );
        CREATE INDEX items_submitted ON items(submitted_day);
        CREATE TABLE item_units (
          item INTEGER NOT NULL REFERENCES items(seq),
          position INTEGER NOT NULL,
          unit INTEGER NOT NULL REFERENCES units(seq),
          PRIMARY KEY (item, position),
          UNIQUE (item, unit)
        ) WITHOUT ROWID;
        CREATE INDEX item_units_unit ON item_units(unit);
        CREATE TABLE item_authors (
          item INTEGER NOT NULL REFERENCES items(seq),
          position INTEGER NOT NULL,
          person INTEGER NOT NULL REFERENCES people(seq),
          PRIMARY KEY (item, position),
          UNIQUE (item, person)
        ) WITHOUT ROWID;
        CREATE TABLE item_sources (
          item INTEGER NOT NULL REFERENCES items(seq),
          position INTEGER NOT NULL,
          source INTEGER NOT NULL REFERENCES items(seq),
          PRIMARY KEY (item, position),
          CHECK (source <> item)
        ) WITHOUT ROWID;
        CREATE TABLE item_history (
          item INTEGER NOT NULL REFERENCES items(seq),
          position INTEGER NOT NULL,
          from_status TEXT,
          to_status TEXT NOT NULL,
          by_person TEXT REFERENCES people(id),
          at INTEGER NOT NULL,
          note TEXT,
          PRIMARY KEY (item, position)
        ) WITHOUT ROWID;
        CREATE TABLE adoptions (
          seq INTEGER PRIMARY KEY,
          id TEXT UNIQUE NOT NULL,
          item INTEGER NOT NULL REFERENCES items(seq),
          level TEXT NOT NULL CHECK (level IN ('city','province','state')),
          publication TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('briefing','digest','special','feature')),
          issue TEXT,
          day INTEGER NOT NULL,
          fingerprint INTEGER NOT NULL
        );
        CREATE INDEX adoptions_item ON adoptions(item);
        CREATE TRIGGER adoption_needs_submitted_item BEFORE INSERT ON adoptions
        WHEN (SELECT status FROM items WHERE seq = NEW.item) = 'draft'
        BEGIN SELECT RAISE(ABORT, 'an adoption needs a submitted item'); END;
        CREATE TABLE forwardings (
          seq INTEGER PRIMARY KEY,
          id TEXT UNIQUE NOT NULL,
          item INTEGER NOT NULL REFERENCES items(seq),
          to_level TEXT NOT NULL CHECK (to_level IN ('province','state')),
          day INTEGER NOT NULL,
          fingerprint INTEGER NOT NULL
        );
        CREATE INDEX forwardings_item ON forwardings(item);
        CREATE TABLE instructions (
          seq INTEGER PRIMARY KEY,
          id TEXT UNIQUE NOT NULL,
          item INTEGER REFERENCES items(seq),
          leader TEXT NOT NULL,
          level TEXT NOT NULL CHECK (level IN ('city','province','state')),
          principal INTEGER NOT NULL CHECK (principal IN (0, 1)),
          text TEXT NOT NULL,
          at INTEGER NOT NULL,
          handler TEXT NOT NULL REFERENCES units(id),
          due_at INTEGER,
          urgency TEXT NOT NULL CHECK (urgency IN ('urgent','ordinary')),
          fingerprint INTEGER NOT NULL,
          CHECK (due_at IS NULL OR due_at > at)
        );
        CREATE INDEX instructions_item ON instructions(item);
        CREATE TABLE replies (
          id TEXT PRIMARY KEY NOT NULL,
          instruction TEXT NOT NULL REFERENCES instructions(id),
          unit TEXT NOT NULL REFERENCES units(id),
          text TEXT NOT NULL,
          at INTEGER NOT NULL,
          fingerprint INTEGER NOT NULL
        );
        CREATE INDEX replies_instruction ON replies(instruction);
        CREATE TABLE answers (
          id TEXT PRIMARY KEY NOT NULL,
          commission TEXT NOT NULL REFERENCES commissions(id),
          unit TEXT NOT NULL REFERENCES units(id),
          item TEXT REFERENCES items(id),
          at INTEGER NOT NULL,
          fingerprint INTEGER NOT NULL
        );
        CREATE TABLE emergencies (
          id TEXT PRIMARY KEY NOT NULL,
          unit TEXT NOT NULL REFERENCES units(id),
          title TEXT NOT NULL,
          severity TEXT NOT NULL CHECK (severity IN ('general','major','serious','especially_serious')),
          occurred_at INTEGER NOT NULL,
          learned_at INTEGER,
          phone_at INTEGER,
          written_at INTEGER,
          finding TEXT CHECK (finding IS NULL OR finding IN ('omitted','concealed','false')),
          followups TEXT NOT NULL,
          fingerprint INTEGER NOT NULL
        );
        CREATE TABLE absences (
          id TEXT PRIMARY KEY NOT NULL,
          unit TEXT NOT NULL REFERENCES units(id),
          leader TEXT NOT NULL,
          destination TEXT NOT NULL,
          reason TEXT NOT NULL,
          depart_at INTEGER NOT NULL,
          return_at INTEGER NOT NULL,
          acting_leader TEXT NOT NULL,
          acting_phone TEXT,
          filed_at INTEGER,
          fingerprint INTEGER NOT NULL,
          CHECK (return_at > depart_at)
        );
        CREATE TABLE quotas (
          id TEXT PRIMARY KEY NOT NULL,
          unit TEXT REFERENCES units(id),
          person TEXT REFERENCES people(id),
          period TEXT NOT NULL,
          required INTEGER NOT NULL CHECK (required >= 0),
          fingerprint INTEGER NOT NULL,
          CHECK ((unit IS NULL) <> (person IS NULL))
        );
        CREATE TABLE meetings (
          id TEXT PRIMARY KEY NOT NULL,
          office TEXT NOT NULL REFERENCES offices(id),
          title TEXT NOT NULL,
          starts_at INTEGER NOT NULL,
          place TEXT NOT NULL,
          agenda TEXT NOT NULL,
          fingerprint INTEGER NOT NULL
        );
        """
}
