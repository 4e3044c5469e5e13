-- This database's identity, made once when it is created: an id that claims a report folder (two databases must not
-- write one reports/<run-id>/), and a random salt for the API key's fingerprint in Spring Batch's job parameters (a
-- constant salt let whoever reads the database test guessed keys with one precomputed table for every installation).
CREATE TABLE installation (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    key_salt VARCHAR(36) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO installation (id, key_salt, created_at)
VALUES (CAST(RANDOM_UUID() AS VARCHAR(36)), CAST(RANDOM_UUID() AS VARCHAR(36)), CURRENT_TIMESTAMP);
