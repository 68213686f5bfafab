-- Read model of consent at the national node: the current consent per subject, and which defenders
-- each attack names (an attack without its own consent follows its defenders', the most restrictive
-- winning). Rebuildable by replaying the "consent" processor.
CREATE TABLE consent_state (
    subject_kind  VARCHAR(16)   NOT NULL,
    subject_id    VARCHAR(64)   NOT NULL,
    scope         VARCHAR(16)   NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    basis         VARCHAR(64)   NOT NULL,
    granted_on    DATE          NOT NULL,
    expires_at    TIMESTAMPTZ,
    updated_at    TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (subject_kind, subject_id)
);
CREATE INDEX consent_state_expiry_idx ON consent_state (expires_at) WHERE status = 'active';

CREATE TABLE consent_attack_defender (
    attack_id      UUID         NOT NULL,
    defender_code  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (attack_id, defender_code)
);
CREATE INDEX consent_attack_defender_code_idx ON consent_attack_defender (defender_code);

-- What a defender or her family made public (public scope only), kept with the consent that allows it.
ALTER TABLE consent_state ADD COLUMN public_name TEXT;
ALTER TABLE consent_state ADD COLUMN public_summary TEXT;

-- The summary a registrar wrote for sharing (case and public scopes); the narrative never leaves.
ALTER TABLE case_summary ADD COLUMN sharing_summary TEXT;
