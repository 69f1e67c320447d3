"""Forward-only schema migrations. MIGRATIONS[i] brings a database from version i to i + 1.

Never edit a migration that has shipped: add a new one, so that a database written by any
earlier StudyApp opens and is brought up to date.
"""

from __future__ import annotations

from sqlite_utils import Database


def _v1_initial(db: Database) -> None:
    db.table("profiles").create(
        {"id": int, "name": str, "created_ms": int, "settings": str, "pin_hash": str},
        pk="id", not_null={"name", "created_ms"}, defaults={"settings": "{}"},
    )
    db.execute("CREATE UNIQUE INDEX idx_profiles_name ON profiles(name COLLATE NOCASE)")
    db.table("decks").create(
        {"id": int, "name": str, "parent_id": int, "description": str, "created_ms": int},
        pk="id", not_null={"name", "created_ms"}, defaults={"description": ""},
        foreign_keys=[("parent_id", "decks", "id")],
    )
    db.table("decks").create_index(["name"], unique=True)
    db.table("items").create(
        {
            "id": int, "deck_id": int, "guid": str, "ord": int, "kind": str, "prompt": str, "answer": str,
            "options": str, "accepted": str, "hint": str, "explanation": str, "tags": str, "skill": str,
            "media": str, "suspended": int, "deleted": int, "created_ms": int, "updated_ms": int,
        },
        pk="id",
        not_null={"deck_id", "guid", "ord", "kind", "prompt", "answer", "created_ms", "updated_ms"},
        defaults={
            "ord": 0, "options": "[]", "accepted": "[]", "hint": "", "explanation": "", "tags": "[]",
            "skill": "", "media": "[]", "suspended": 0, "deleted": 0,
        },
        foreign_keys=[("deck_id", "decks", "id")],
    )
    db.table("items").create_index(["guid", "ord"], unique=True)
    db.table("items").create_index(["deck_id"])
    db.table("media").create(
        {"id": int, "name": str, "sha256": str, "size": int, "created_ms": int},
        pk="id", not_null={"name", "sha256", "size", "created_ms"},
    )
    db.table("media").create_index(["name"], unique=True)
    db.table("sessions").create(
        {"id": int, "profile_id": int, "deck_id": int, "mode": str, "started_ms": int, "ended_ms": int},
        pk="id", not_null={"profile_id", "mode", "started_ms"},
        foreign_keys=[("profile_id", "profiles", "id"), ("deck_id", "decks", "id")],
    )
    db.table("answers").create(
        {
            "id": int, "profile_id": int, "item_id": int, "session_id": int, "shown_ms": int,
            "answered_ms": int, "response_ms": int, "grade": int, "correct": int, "given": str,
            "predicted": float, "reason": str, "source": str,
        },
        pk="id",
        not_null={"profile_id", "item_id", "answered_ms", "correct", "source"},
        defaults={"given": "", "reason": "", "source": "study"},
        foreign_keys=[
            ("profile_id", "profiles", "id"), ("item_id", "items", "id"), ("session_id", "sessions", "id"),
        ],
    )
    db.table("answers").create_index(["profile_id", "answered_ms"])
    db.table("answers").create_index(["profile_id", "item_id"])
    # The answer log is append-only: history is never rewritten, only added to (undo adds a void).
    db.execute(
        "CREATE TRIGGER answers_no_update BEFORE UPDATE ON answers "
        "BEGIN SELECT RAISE(ABORT, 'the answer log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER answers_no_delete BEFORE DELETE ON answers "
        "BEGIN SELECT RAISE(ABORT, 'the answer log is append-only'); END"
    )


def _v2_voids_imports_learner_state(db: Database) -> None:
    # Undo appends a void instead of deleting; imported history keeps its source id for de-duplication;
    # the adapted per-student parameters persist between sessions.
    db.table("answer_voids").create(
        {"answer_id": int, "voided_ms": int}, pk="answer_id", not_null={"voided_ms"},
        foreign_keys=[("answer_id", "answers", "id")],
    )
    db.execute("ALTER TABLE answers ADD COLUMN source_id TEXT")
    db.execute("CREATE UNIQUE INDEX idx_answers_source_id ON answers(profile_id, source_id)")
    db.table("learner_state").create(
        {"profile_id": int, "model_id": str, "state": bytes, "n_answers": int, "updated_ms": int},
        pk=("profile_id", "model_id"), not_null={"state", "n_answers", "updated_ms"},
        foreign_keys=[("profile_id", "profiles", "id")],
    )


def _v3_app_meta(db: Database) -> None:
    # Small app-wide facts: the last profile used, the version of each built-in deck installed.
    db.table("app_meta").create({"key": str, "value": str}, pk="key", not_null={"value"})


def _v4_item_translations(db: Database) -> None:
    # Each item's texts in other languages (JSON: language code -> field -> text), shown in the interface
    # language. The built-in decks fill it when their files change, which they do when they gain translations.
    db.execute("ALTER TABLE items ADD COLUMN translations TEXT NOT NULL DEFAULT '{}'")


MIGRATIONS = [_v1_initial, _v2_voids_imports_learner_state, _v3_app_meta, _v4_item_translations]
SCHEMA_VERSION = len(MIGRATIONS)
