// Migration 001-record of `PostgresSchema` (frozen once shipped).

extension PostgresSchema {
    static let record: [String] = [
        """
        CREATE TABLE offices (
          id text COLLATE "C" PRIMARY KEY,
          name text NOT NULL CHECK (name <> ''),
          parent text COLLATE "C" REFERENCES offices(id),
          fingerprint bigint NOT NULL,
          CHECK (parent IS NULL OR parent <> id)
        )
        """,
        """
        CREATE TABLE units (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" UNIQUE NOT NULL,
          name text NOT NULL CHECK (name <> ''),
          kind text NOT NULL CHECK (kind IN ('office','county','committee','department','township','other')),
          grp text NOT NULL CHECK (grp <> ''),
          parent text COLLATE "C" REFERENCES units(id),
          office text COLLATE "C" NOT NULL REFERENCES offices(id),
          fingerprint bigint NOT NULL,
          CHECK (parent IS NULL OR parent <> id)
        )
        """,
        """
        CREATE TABLE people (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" UNIQUE NOT NULL,
          name text NOT NULL CHECK (name <> ''),
          unit text COLLATE "C" NOT NULL REFERENCES units(id),
          roles text NOT NULL CHECK (roles <> ''),
          phone text,
          email text,
          fingerprint bigint NOT NULL
        )
        """,
        "CREATE INDEX people_unit ON people(unit)",
        """
        CREATE TABLE publications (
          id text COLLATE "C" PRIMARY KEY,
          name text NOT NULL,
          level text NOT NULL CHECK (level IN ('city','province','state')),
          kind text NOT NULL CHECK (kind IN ('briefing','digest','special','feature')),
          office text COLLATE "C" REFERENCES offices(id),
          fingerprint bigint NOT NULL
        )
        """,
        """
        CREATE TABLE commissions (
          id text COLLATE "C" PRIMARY KEY,
          office text COLLATE "C" NOT NULL REFERENCES offices(id),
          topic text NOT NULL,
          assigned_at timestamptz NOT NULL,
          due_at timestamptz NOT NULL,
          fingerprint bigint NOT NULL,
          CHECK (due_at > assigned_at)
        )
        """,
        """
        CREATE TABLE commission_units (
          commission text COLLATE "C" NOT NULL REFERENCES commissions(id),
          position integer NOT NULL,
          unit text COLLATE "C" NOT NULL REFERENCES units(id),
          PRIMARY KEY (commission, position),
          UNIQUE (commission, unit)
        )
        """,
        """
        CREATE TABLE items (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" UNIQUE NOT NULL,
          category text NOT NULL CHECK (category IN ('policy','instruction','inspection','fieldwork','progress','meeting','emergency','economy','absence','award','other')),
          title text NOT NULL CHECK (title <> ''),
          body text NOT NULL,
          status text NOT NULL CHECK (status IN ('draft','submitted','returned','editing','adopted','reserved','rejected','merged')),
          created_at timestamptz NOT NULL,
          submitted_at timestamptz,
          submitted_day date,
          commission text COLLATE "C" REFERENCES commissions(id),
          fingerprint bigint NOT NULL,
          CHECK (submitted_at IS NULL OR submitted_at >= created_at),
          CHECK (status = 'draft' OR submitted_at IS NOT NULL)
        )
        """,
        "CREATE INDEX items_submitted ON items(submitted_day)",
        """
        CREATE TABLE item_units (
          item bigint NOT NULL REFERENCES items(seq),
          position integer NOT NULL,
          unit bigint NOT NULL REFERENCES units(seq),
          PRIMARY KEY (item, position),
          UNIQUE (item, unit)
        )
        """,
        "CREATE INDEX item_units_unit ON item_units(unit)",
        """
        CREATE TABLE item_authors (
          item bigint NOT NULL REFERENCES items(seq),
          position integer NOT NULL,
          person bigint NOT NULL REFERENCES people(seq),
          PRIMARY KEY (item, position),
          UNIQUE (item, person)
        )
        """,
        """
        CREATE TABLE item_sources (
          item bigint NOT NULL REFERENCES items(seq),
          position integer NOT NULL,
          source bigint NOT NULL REFERENCES items(seq),
          PRIMARY KEY (item, position),
          CHECK (source <> item)
        )
        """,
        """
        CREATE TABLE item_history (
          item bigint NOT NULL REFERENCES items(seq),
          position integer NOT NULL,
          from_status text,
          to_status text NOT NULL,
          by_person text COLLATE "C" REFERENCES people(id),
          at timestamptz NOT NULL,
          note text,
          PRIMARY KEY (item, position)
        )
        """,
        """
        CREATE TABLE adoptions (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" UNIQUE NOT NULL,
          item bigint NOT NULL REFERENCES items(seq),
          level text NOT NULL CHECK (level IN ('city','province','state')),
          publication text NOT NULL,
          kind text NOT NULL CHECK (kind IN ('briefing','digest','special','feature')),
          issue text,
          day date NOT NULL,
          fingerprint bigint NOT NULL
        )
        """,
        "CREATE INDEX adoptions_item ON adoptions(item)",
        """
        CREATE FUNCTION adoption_needs_submitted_item() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF (SELECT status FROM items WHERE seq = NEW.item) = 'draft' THEN
            RAISE EXCEPTION 'an adoption needs a submitted item'
              USING ERRCODE = 'check_violation', CONSTRAINT = 'adoption_needs_submitted_item';
          END IF;
          RETURN NEW;
        END
        $$
        """,
        """
        CREATE TRIGGER adoption_needs_submitted_item BEFORE INSERT ON adoptions
        FOR EACH ROW EXECUTE FUNCTION adoption_needs_submitted_item()
        """,
        """
        CREATE TABLE forwardings (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" UNIQUE NOT NULL,
          item bigint NOT NULL REFERENCES items(seq),
          to_level text NOT NULL CHECK (to_level IN ('province','state')),
          day date NOT NULL,
          fingerprint bigint NOT NULL
        )
        """,
        "CREATE INDEX forwardings_item ON forwardings(item)",
        """
        CREATE TABLE instructions (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" UNIQUE NOT NULL,
          item bigint REFERENCES items(seq),
          leader text NOT NULL,
          level text NOT NULL CHECK (level IN ('city','province','state')),
          principal boolean NOT NULL,
          text text NOT NULL,
          at timestamptz NOT NULL,
          handler text COLLATE "C" NOT NULL REFERENCES units(id),
          due_at timestamptz,
          urgency text NOT NULL CHECK (urgency IN ('urgent','ordinary')),
          fingerprint bigint NOT NULL,
          CHECK (due_at IS NULL OR due_at > at)
        )
        """,
        "CREATE INDEX instructions_item ON instructions(item)",
        """
        CREATE TABLE replies (
          id text COLLATE "C" PRIMARY KEY,
          instruction text COLLATE "C" NOT NULL REFERENCES instructions(id),
          unit text COLLATE "C" NOT NULL REFERENCES units(id),
          text text NOT NULL,
          at timestamptz NOT NULL,
          fingerprint bigint NOT NULL
        )
        """,
        "CREATE INDEX replies_instruction ON replies(instruction)",
        """
        CREATE TABLE answers (
          id text COLLATE "C" PRIMARY KEY,
          commission text COLLATE "C" NOT NULL REFERENCES commissions(id),
          unit text COLLATE "C" NOT NULL REFERENCES units(id),
          item text COLLATE "C" REFERENCES items(id),
          at timestamptz NOT NULL,
          fingerprint bigint NOT NULL
        )
        """,
        """
        CREATE TABLE emergencies (
          id text COLLATE "C" PRIMARY KEY,
          unit text COLLATE "C" NOT NULL REFERENCES units(id),
          title text NOT NULL,
          severity text NOT NULL CHECK (severity IN ('general','major','serious','especially_serious')),
          occurred_at timestamptz NOT NULL,
          learned_at timestamptz,
          phone_at timestamptz,
          written_at timestamptz,
          finding text CHECK (finding IS NULL OR finding IN ('omitted','concealed','false')),
          followups text NOT NULL,
          fingerprint bigint NOT NULL
        )
        """,
        """
        CREATE TABLE absences (
          id text COLLATE "C" PRIMARY KEY,
          unit text COLLATE "C" NOT NULL REFERENCES units(id),
          leader text NOT NULL,
          destination text NOT NULL,
          reason text NOT NULL,
          depart_at timestamptz NOT NULL,
          return_at timestamptz NOT NULL,
          acting_leader text NOT NULL,
          acting_phone text,
          filed_at timestamptz,
          fingerprint bigint NOT NULL,
          CHECK (return_at > depart_at)
        )
        """,
        """
        CREATE TABLE quotas (
          id text COLLATE "C" PRIMARY KEY,
          unit text COLLATE "C" REFERENCES units(id),
          person text COLLATE "C" REFERENCES people(id),
          period text NOT NULL,
          required bigint NOT NULL CHECK (required >= 0),
          fingerprint bigint NOT NULL,
          CHECK ((unit IS NULL) <> (person IS NULL))
        )
        """,
        """
        CREATE TABLE meetings (
          id text COLLATE "C" PRIMARY KEY,
          office text COLLATE "C" NOT NULL REFERENCES offices(id),
          title text NOT NULL,
          starts_at timestamptz NOT NULL,
          place text NOT NULL,
          agenda text NOT NULL,
          fingerprint bigint NOT NULL
        )
        """,
    ]
}
