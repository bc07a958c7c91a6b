-- Also announce each change on the "search_version" channel: a process holding the database (PGlite)
-- listens, and its searches skip reading the counter until it moves.
CREATE OR REPLACE FUNCTION "bump_search_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "search_state" SET "version" = "version" + 1 WHERE "id" = 1;
	PERFORM pg_notify('search_version', '');
	RETURN NULL;
END;
$$;
