-- Accounts, the loaded slice, assignments, labels and settings. Times are Unix milliseconds (UTC).
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'annotator')),
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    trajectory_id TEXT NOT NULL UNIQUE,
    stratum TEXT NOT NULL,
    reason TEXT NOT NULL,
    annotators INTEGER NOT NULL CHECK (annotators >= 1),
    outcome TEXT NOT NULL,
    gate_score REAL,
    turn_count INTEGER NOT NULL,
    trajectory_json TEXT NOT NULL,
    is_gold INTEGER NOT NULL DEFAULT 0,
    gold_annotator TEXT,
    loaded_at INTEGER NOT NULL
);

CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    seq INTEGER NOT NULL,
    assigned_at INTEGER NOT NULL,
    submitted_at INTEGER,
    UNIQUE (item_id, user_id)
);

CREATE INDEX assignments_user ON assignments (user_id, submitted_at);

CREATE TABLE labels (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id),
    user_id INTEGER REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('human', 'adjudicated', 'gold')),
    turn INTEGER NOT NULL CHECK (turn >= 0),
    relevance INTEGER CHECK (relevance BETWEEN 1 AND 3),
    factual_grounding INTEGER CHECK (factual_grounding BETWEEN 1 AND 3),
    tool_selection INTEGER CHECK (tool_selection BETWEEN 1 AND 3),
    redundancy INTEGER CHECK (redundancy BETWEEN 1 AND 3),
    unsafe_edits INTEGER CHECK (unsafe_edits BETWEEN 1 AND 3),
    comment TEXT,
    updated_at INTEGER NOT NULL,
    -- Gold labels have no user: 0 stands in so the key stays unique (NULLs never collide).
    owner INTEGER NOT NULL,
    UNIQUE (item_id, owner, kind, turn)
);

CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
