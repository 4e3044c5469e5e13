-- The notifications a run sent, one row per message (run, event, channel, recipient): the ledger that makes each
-- message go once. A message is planned PENDING with its body as it will be sent, claimed IN_FLIGHT by the process
-- that sends it (claimed_by: pid@host/incarnation, as the run lock's holder), then SENT, FAILED (retries spent) or
-- UNKNOWN (its process died mid-send and the channel cannot de-duplicate a second copy). event tells apart the tellings
-- of one run: ENDED, FAILED (a run that failed, then resumed, ends once more), REJUDGE-<job execution>.
-- recipient is the channel's name for a webhook (its URL is a credential, never stored), the address(es) of an email.
CREATE TABLE notification (
    run_id      BIGINT NOT NULL,
    event       VARCHAR(40) NOT NULL,
    channel     VARCHAR(10) NOT NULL,
    recipient   VARCHAR(1000) NOT NULL,
    tenant      VARCHAR(2000) NOT NULL,
    status      VARCHAR(10) NOT NULL,
    attempts    INT NOT NULL,
    message_id  VARCHAR(100) NOT NULL,
    subject     VARCHAR(1000),
    body        TEXT NOT NULL,
    detail      VARCHAR(2000),
    claimed_by  VARCHAR(400),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, event, channel, recipient)
);
CREATE INDEX notification_unsettled ON notification (tenant, status);
