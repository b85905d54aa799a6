-- Issue 3: an e-mail address a mail server refused for good is "bounced" and no longer counts as a way to reach
-- the person; an announcement can be marked confidential, so that nothing of its text leaves Tillit.

-- The address is kept with the bounce: the person is bounced while persons.email is still that address, so a new
-- address clears it without anyone having to remember to.
CREATE TABLE email_bounces (
  person_id uuid PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
  address text NOT NULL CHECK (address = lower(address)),
  bounced_at timestamptz NOT NULL,
  -- The mail server's answer, e.g. "550 5.1.1 No such user", for whoever corrects the address.
  response text NOT NULL
);

-- Only "You have a new announcement from …" goes out by e-mail, push and SMS; the title and text stay in Tillit.
ALTER TABLE announcements ADD COLUMN confidential boolean NOT NULL DEFAULT false;
