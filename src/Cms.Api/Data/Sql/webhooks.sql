-- Webhooks (Webhooks/README.md). The outbox row and its fan-out are written in the transaction of the change they
-- report: a rolled-back save leaves nothing; a committed one has its messages, whatever crashes afterwards.

-- One message per subscribed, enabled webhook (a ping: its one webhook, enabled or not), due at once; the commit
-- wakes every instance's delivery worker.
CREATE OR REPLACE FUNCTION cms_webhook_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_messages (id, webhook_id, event_id, state, attempts, next_attempt_at)
    SELECT gen_random_uuid(), w.id, NEW.id, 'pending', 0, NEW.occurred_at
    FROM webhooks w
    WHERE CASE WHEN NEW.webhook_id IS NOT NULL THEN w.id = NEW.webhook_id ELSE w.enabled AND NEW.type = ANY (w.events) END;
    IF FOUND THEN
        PERFORM pg_notify('cms_webhooks', '');
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER webhook_events_fan_out AFTER INSERT ON webhook_events
    FOR EACH ROW EXECUTE FUNCTION cms_webhook_fan_out();

-- A worker's claim: due messages of enabled webhooks (pings whatever), at most per_webhook of each webhook and none of
-- the webhooks the worker is already full with, locked with SKIP LOCKED so concurrent workers on any number of
-- instances take disjoint rows, and leased for lease_seconds (a crashed worker's claim runs out by itself). Due-ness is
-- judged at the service's clock (at: retries wait on it); leases on the database's, one clock for every instance that
-- never jumps the way a test's does.
-- PL/pgSQL, not SQL: a session keeps PL/pgSQL's plans, where PostgreSQL 15 plans an SQL function's body at every call
-- (and every instance calls this after every save that has webhooks).
CREATE OR REPLACE FUNCTION cms_webhook_claim(at timestamptz, lease_seconds int, worker uuid, batch int, per_webhook int, full_webhooks uuid[])
    RETURNS TABLE (message_id uuid, webhook_id uuid, event_id uuid, attempts int, url text, secret text, type text, occurred_at timestamptz, data text)
    LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY
    WITH due AS (
        SELECT ranked.id FROM (
            SELECT m.id, m.next_attempt_at, row_number() OVER (PARTITION BY m.webhook_id ORDER BY m.next_attempt_at, m.id) AS n
            FROM webhook_messages m
            JOIN webhooks w ON w.id = m.webhook_id
            JOIN webhook_events e ON e.id = m.event_id
            WHERE m.state = 'pending' AND m.next_attempt_at <= at AND (m.locked_until IS NULL OR m.locked_until <= now())
              AND (w.enabled OR e.webhook_id IS NOT NULL) AND m.webhook_id <> ALL (full_webhooks)
        ) ranked
        WHERE ranked.n <= per_webhook
        ORDER BY ranked.next_attempt_at
        LIMIT batch),
    locked AS (
        -- Rechecked on the row's latest version once locked: a claim another worker committed meanwhile is skipped.
        SELECT m.id FROM webhook_messages m JOIN due ON due.id = m.id
        WHERE m.state = 'pending' AND (m.locked_until IS NULL OR m.locked_until <= now())
        FOR UPDATE OF m SKIP LOCKED)
    UPDATE webhook_messages m SET locked_until = now() + make_interval(secs => lease_seconds), locked_by = worker
    FROM locked, webhooks w, webhook_events e
    WHERE m.id = locked.id AND w.id = m.webhook_id AND e.id = m.event_id
    RETURNING m.id, m.webhook_id, m.event_id, m.attempts, w.url::text, w.secret::text, e.type::text, e.occurred_at, e.data::text;
END $$;

-- When the worker should look again (on the service's clock): the earliest moment a message nobody holds comes due.
-- Held ones are recorded by their holder; a crashed holder's lease running out is found by the worker's poll.
CREATE OR REPLACE FUNCTION cms_webhook_next_due(full_webhooks uuid[]) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT min(m.next_attempt_at)
    FROM webhook_messages m
    JOIN webhooks w ON w.id = m.webhook_id
    JOIN webhook_events e ON e.id = m.event_id
    WHERE m.state = 'pending' AND (m.locked_until IS NULL OR m.locked_until <= now())
      AND (w.enabled OR e.webhook_id IS NOT NULL) AND m.webhook_id <> ALL (full_webhooks));
END $$;

-- A batch of attempts' outcomes, in one transaction: the log rows, the messages' next states, and a 410's disabling of
-- its webhook. A worker records whatever finished while its previous batch was being written (group commit): a save with
-- five webhooks makes one or two of these, not five.
CREATE OR REPLACE FUNCTION cms_webhook_record_batch(
    worker uuid, messages uuid[], attempt_ids uuid[], ats timestamptz[], outcomes text[], status_codes int[], durations_ms int[],
    response_bodies text[], errors text[], next_attempts timestamptz[], disable_reasons text[])
    RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    WITH attempt AS (
        SELECT * FROM unnest(messages, attempt_ids, ats, outcomes, status_codes, durations_ms, response_bodies, errors, next_attempts)
            AS a(message, id, at, outcome, status_code, duration_ms, response_body, error, next_attempt_at)),
    recorded AS (
        UPDATE webhook_messages m SET
            attempts = m.attempts + 1,
            state = CASE WHEN a.outcome = 'delivered' THEN 'delivered' WHEN a.next_attempt_at IS NULL THEN 'failed' ELSE 'pending' END,
            next_attempt_at = coalesce(a.next_attempt_at, m.next_attempt_at),
            locked_until = NULL, locked_by = NULL
        FROM attempt a
        WHERE m.id = a.message AND m.locked_by = worker
        RETURNING m.id, m.attempts)
    -- A message whose claim ran out (another worker has it now) keeps its state, and the attempt still goes in the log.
    INSERT INTO webhook_attempts (id, message_id, webhook_id, event_id, type, attempt, status, status_code, duration_ms, at, response_body, error)
    SELECT a.id, m.id, m.webhook_id, m.event_id, e.type, coalesce(r.attempts, m.attempts), a.outcome, a.status_code, a.duration_ms, a.at,
        a.response_body, a.error
    FROM attempt a
    JOIN webhook_messages m ON m.id = a.message
    JOIN webhook_events e ON e.id = m.event_id
    LEFT JOIN recorded r ON r.id = a.message;

    UPDATE webhooks w SET enabled = false, disabled_reason = d.reason, updated_at = d.at, version = w.version + 1
    FROM (SELECT DISTINCT ON (m.webhook_id) m.webhook_id, r.reason, r.at
          FROM unnest(messages, disable_reasons, ats) AS r(message, reason, at)
          JOIN webhook_messages m ON m.id = r.message
          WHERE r.reason IS NOT NULL
          ORDER BY m.webhook_id, r.at) d
    WHERE w.id = d.webhook_id AND w.enabled;

    -- For whoever watches the log (the tests, an admin page) without polling it: one per batch, as each takes
    -- PostgreSQL's commit-time notify lock.
    PERFORM pg_notify('cms_webhook_attempts', '');
END $$;

-- One attempt's outcome: what an instance of the previous build calls while a rolling deploy replaces it.
CREATE OR REPLACE FUNCTION cms_webhook_record(
    message uuid, worker uuid, attempt_id uuid, at timestamptz, outcome text, status_code int, duration_ms int,
    response_body text, error text, next_attempt_at timestamptz, disable_reason text)
    RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM cms_webhook_record_batch(worker, ARRAY[message], ARRAY[attempt_id], ARRAY[at], ARRAY[outcome], ARRAY[status_code],
        ARRAY[duration_ms], ARRAY[response_body], ARRAY[error], ARRAY[next_attempt_at], ARRAY[disable_reason]);
END $$;
