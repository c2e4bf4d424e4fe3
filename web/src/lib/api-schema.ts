/**
 * generated, do not edit: `npm run gen:types` writes this file from
 * docs/openapi.yaml (openapi-typescript); `npm run check:types` fails
 * when it is stale. Use the names in ./types.ts.
 */

export interface paths {
    "/attachments/{id}/{filename}": {
        parameters: {
            query?: {
                /** @description Expiry of a signed URL, Unix seconds. */
                expires?: number;
                /** @description `1`: the small preview of an image instead of the file. */
                preview?: string;
                /** @description The signature of a signed URL (from a message's `url`). */
                signature?: string;
            };
            header?: {
                "If-None-Match"?: string;
                /** @description One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`). */
                Range?: string;
            };
            path: {
                /** @description The attachment's filename as stored (percent-encoded). */
                filename: string;
                id: string;
            };
            cookie?: never;
        };
        /**
         * Download a file (signed URL, or a member's token)
         * @description Works without `Authorization` with a valid, unexpired signed URL
         *     (what messages carry in `url` and `preview_url`; valid for one to
         *     two hours); otherwise the caller must be a member of the channel
         *     (only the uploader while the upload is pending). Anything else is
         *     404. Every answer has `X-Content-Type-Options: nosniff` and
         *     `Content-Security-Policy: sandbox`; PNG, JPEG, GIF and WebP are
         *     `Content-Disposition: inline`, everything else (SVG and HTML
         *     included) `attachment`. `ETag` and `Range` work.
         */
        get: operations["downloadAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with a username (any case) and password
         * @description Throttled: after 5 failures in 15 minutes for one username, or 20 from
         *     one client address, further attempts get 429 with `Retry-After` until
         *     the window passes. A success clears the username's failures.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the caller's session
         * @description Afterwards that session's access and refresh tokens get 401. Takes no body (empty or `{}`).
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The second step of a login with two-factor sign-in on
         * @description Send the `ticket` of `POST /auth/login` with exactly one of `code`
         *     (6 digits from the authenticator app; a recovery code is accepted
         *     here too) or `recovery_code`. A ticket lives 5 minutes and dies after
         *     5 wrong codes. A TOTP code is good once (RFC 6238 §5.2): replayed
         *     within its window it is refused; one time step (30 s) of clock
         *     drift either way is accepted. A wrong code is 401 `invalid_code`
         *     with `details.ticket_expired` (true: log in again). Throttled with
         *     the login itself: failures count against the ticket's username.
         */
        post: operations["loginMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new pair
         * @description The presented token is spent. Presenting a spent token again revokes
         *     that whole session (its access and refresh tokens); the user's other
         *     sessions live on.
         */
        post: operations["refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account and log in
         * @description Throttled per client address (30 per hour) unless rate limits are off.
         *     With the sign-up challenge on (`--signup-challenge on`), `altcha`
         *     must carry the solution of a challenge from
         *     `GET /auth/signup-challenge` (else 422 `validation_failed` with
         *     `details.field` `altcha`); with it off, `altcha` is ignored.
         */
        post: operations["signup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/signup-challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A proof-of-work challenge to solve before signing up
         * @description The optional sign-up challenge (`--signup-challenge on`, off by
         *     default), in the ALTCHA scheme: find the integer `n` in
         *     `0..=maxnumber` with `SHA-256(salt + n)` (hex of the UTF-8 text of
         *     `salt` followed by `n` in decimal) equal to `challenge`, then send
         *     `POST /auth/signup` with `altcha`: base64 of the JSON
         *     `{algorithm, challenge, number, salt, signature}` (the challenge's
         *     fields as given, and `number`). A challenge expires after 10
         *     minutes (`salt` ends with `?expires=<unix seconds>`) and its
         *     solution is accepted once. 204 when the server asks no challenge.
         */
        get: operations["signupChallenge"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/avatars/{user_id}/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `{key}.png`, the key being 32 lower-case hex digits. */
                file: components["parameters"]["PictureFile"];
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * An avatar's PNG (public, what `avatar_url` names)
         * @description No token needed (like Discord's CDN): the key is random and new on
         *     every upload, so the bytes behind a URL never change —
         *     `Cache-Control: public, max-age=31536000, immutable`,
         *     `X-Content-Type-Options: nosniff`. Anything but the user's current
         *     avatar is 404.
         */
        get: operations["getAvatar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        /** A channel (member) */
        get: operations["getChannel"];
        /** Rename, re-topic or move a channel (admin) */
        put: operations["updateChannel"];
        post?: never;
        /** Delete a channel and its messages (admin) */
        delete: operations["deleteChannel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload one file to a channel (member); pending for 1 hour
         * @description `multipart/form-data` with one part named `file` that has a
         *     filename; other parts before it are ignored. The file is streamed
         *     to storage, never held whole in memory. At most 25 MiB by default
         *     (`--max-upload-mib`): a `Content-Length` over the limit is refused
         *     with 413 before the body is read, a longer stream is cut off with
         *     413. The content type is sniffed from the bytes (the part's
         *     `Content-Type` is ignored); the filename is sanitised (no folders,
         *     control or reserved characters, at most 200 bytes). PNG, JPEG, GIF
         *     and WebP images get `width` and `height` and a small preview; an
         *     image of more than 40 million pixels (a decompression bomb) is
         *     refused with 422 on `file`. Per user: at most 60 uploads every 10
         *     minutes (429 with the numbers) and 1 GiB stored (409
         *     `storage_quota_exceeded`, `details.used_bytes`/`limit_bytes`).
         *     The upload is pending until a message of the caller in this
         *     channel names it in `attachment_ids`, and removed after an hour
         *     otherwise.
         */
        post: operations["uploadAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        /**
         * A page of history, oldest first (member)
         * @description The `limit` messages just before `before`, just after `after`, the
         *     page centred on `around` (`limit / 2` older messages, it, and the
         *     newer rest), or the newest ones. At most one of `before`, `after`,
         *     `around` (two or more: 422). `limit` defaults to 50 and is clamped
         *     to 100; 0, negative or non-numeric is 422 (`details.field` =
         *     `limit`). An anchor that is not a message of this channel (including
         *     text that is not an id) is 404.
         */
        get: operations["history"];
        put?: never;
        /**
         * Send a message (member)
         * @description Content is stored trimmed. The same author sending the same `nonce`
         *     again gets 200 with the first message, and nothing is duplicated.
         *     `@username` tokens of members (ignoring case) are listed in `mentions`.
         *     `reply_to` must be a message of this channel (another channel's, an
         *     unknown id or not an id: 422 on `reply_to`).
         */
        post: operations["sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * My notification settings for a channel (member)
         * @description Fields left out keep their stored (or default) value; `muted_until` null unmutes.
         */
        put: operations["setChannelNotifications"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{id}/pins": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        /** The channel's pinned messages, newest pin first (member) */
        get: operations["listPins"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{id}/pins/{message_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
                /** @description A message of this channel. */
                message_id: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Pin a message (admin; idempotent)
         * @description At most 50 pins per channel (409 `too_many_pins`). Everyone in the
         *     server hears `message.updated` (with `pinned: true`) and
         *     `channel.pins_updated`.
         */
        put: operations["pinMessage"];
        post?: never;
        /** Unpin a message (admin; idempotent) */
        delete: operations["unpinMessage"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Mark a channel read up to and including a message (member)
         * @description Never moves the marker back: an older message is accepted and changes nothing. Store writes are coalesced (at most one per channel and user every 3 s, the newest wins, flushed at shutdown); reads always show the newest ack. The caller's connections get `read_state.updated`.
         */
        put: operations["ackChannel"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{id}/recipients/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
                /** @description A user's id; `@me` (DELETE only) leaves the group. */
                user_id: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Add someone to a group (its owner) */
        put: operations["addRecipient"];
        post?: never;
        /**
         * Remove someone from a group (its owner), or leave it (`@me`)
         * @description When the owner leaves, ownership passes to the longest present; the last one leaving deletes the group. A DM cannot be left (403).
         */
        delete: operations["removeRecipient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the server and its storage are usable */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/icons/{id}/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `{key}.png`, the key being 32 lower-case hex digits. */
                file: components["parameters"]["PictureFile"];
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        /**
         * A server icon's PNG (public, what `icon_url` names)
         * @description As `GET /avatars/{user_id}/{file}`, for the server's current icon.
         */
        get: operations["getServerIcon"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invites/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An invite code. */
                code: components["parameters"]["InviteCode"];
            };
            cookie?: never;
        };
        /**
         * What an invite leads to (anyone; a token is optional)
         * @description Answers without a token, rate-limited per client address (60 a
         *     minute) unless rate limits are off. It reveals only the server's
         *     id, name and member and online counts. A signed-in caller who is
         *     banned from the server also gets `ban` (when it ends), so a client
         *     can say so before offering Join; a token that is no longer valid
         *     is treated as no token.
         */
        get: operations["previewInvite"];
        put?: never;
        post?: never;
        /** Revoke an invite (admin of its server) */
        delete: operations["revokeInvite"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invites/{code}/join": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An invite code. */
                code: components["parameters"]["InviteCode"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join the invite's server
         * @description Joining a server one is already in answers 200 and uses nothing. Takes no body (empty or `{}`).
         */
        post: operations["joinByInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's account */
        get: operations["getMe"];
        put?: never;
        post?: never;
        /**
         * Delete the caller's account
         * @description Asks for the password again (missing or wrong: 422 on `password`, never 401). Its profile, sessions, two-factor state, memberships, blocks, settings and read state go, groups are left, and the username is free again; the messages it wrote stay, their author shown as "Deleted user" (its DMs stay readable to the other person, who can no longer send there: 403 `dm_not_allowed`). Refused while the user owns a server.
         */
        delete: operations["deleteMe"];
        options?: never;
        head?: never;
        /**
         * Change display name, bio and (extension) status
         * @description Absent fields stay as they are. `status` is an extension of API.md
         *     (the same as the socket's `presence.set`): `invisible` shows as
         *     `offline` to everyone else and as `invisible` to the user.
         */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/me/avatar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set my avatar (a square 256×256 PNG made from the upload)
         * @description `multipart/form-data` with one part named `file` that has a
         *     filename. PNG, JPEG, GIF or WebP (sniffed from the bytes), at most
         *     8 MiB (a `Content-Length` over it is 413 before the body is read)
         *     and 40 million pixels. The image is decoded, cropped to its
         *     centred square, scaled to 256×256 and encoded again as PNG, so no
         *     metadata (EXIF, GPS) of the original is kept. Each upload gets a
         *     new URL; the previous picture is deleted. Members of the caller's
         *     servers get `member.updated` with the new `avatar_url`. At most 10
         *     avatar or icon uploads per user every 10 minutes (429).
         */
        put: operations["setAvatar"];
        post?: never;
        /**
         * Remove my avatar
         * @description The picture is deleted (its URL answers 404); removing none is no error.
         */
        delete: operations["clearAvatar"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whom I block, oldest first */
        get: operations["listBlocks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/blocks/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Block a user (idempotent; they are not told)
         * @description Neither side can open a DM with or add the other to a group; an existing DM becomes read-only for both (403 `blocked` on send).
         */
        put: operations["blockUser"];
        post?: never;
        /** Lift a block (idempotent) */
        delete: operations["unblockUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My DMs and groups, the most recent activity first */
        get: operations["listDirectChannels"];
        put?: never;
        /**
         * Open the DM with one person, or create a group with 2–9 others
         * @description One recipient: the DM between us (201 when created, 200 with the existing one; one DM per pair). Two to nine: a new group owned by the caller (`name` optional). The recipient's `dm_policy` or a block either way refuses with 403 `dm_not_allowed`, whatever the reason.
         */
        post: operations["openDirectChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/channels/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search my DMs and groups, newest first
         * @description The same query, filters, pages and answers as
         *     `GET /servers/{id}/messages/search`, over the DMs and groups I am
         *     in. A `channel_id` that is not one of my DMs or groups: 404
         *     (`channel`).
         */
        get: operations["searchDirectMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download my data (JSON lines)
         * @description Everything about the caller as `application/x-ndjson`, one JSON
         *     object per line, each with a `type`: one `profile` (`user`), a
         *     `server` per server they belong to (`id`, `name`, `description`,
         *     `role`, `created_at`), a `message` per message of theirs in
         *     those servers (`server_name`, `channel_name`, `message`), oldest
         *     first per channel, then a `direct_channel` per DM or group they are
         *     in (`channel`: a `DirectChannel`, with its recipients), each
         *     followed by a `direct_message` per message of theirs there
         *     (`channel_id`, `message`), oldest first. Messages carry their
         *     reactions (counts, `me` for the caller) and attachments
         *     (metadata and links; the files are downloaded separately);
         *     `reply_to` is left out (the answered message is someone else's).
         *     Sent as an attachment (`Content-Disposition`).
         */
        get: operations["exportMyData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether two-factor sign-in is on, and how many recovery codes are left */
        get: operations["mfaStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/mfa/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn two-factor sign-in off
         * @description Needs the password (422 on `password`) and a current code or an
         *     unused recovery code (422 on `code`). 409 `conflict` when it is off.
         */
        post: operations["disableMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/mfa/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the recovery codes with a fresh set
         * @description Needs the password (422 on `password`) and a current code or an
         *     unused recovery code (422 on `code`). The old codes stop working.
         */
        post: operations["regenerateRecoveryCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/mfa/totp/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the pending secret with a current code
         * @description Two-factor sign-in is on from now; the answer holds 10 recovery
         *     codes, shown this once (stored only as keyed digests, each usable
         *     once). A wrong code is 422 on `code` (not 401: the session is fine);
         *     409 `conflict` with no pending setup or when already on.
         */
        post: operations["enableTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/mfa/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start setting up an authenticator app
         * @description Checks the password (a wrong one is 422 on `password`, never 401) and
         *     answers a new pending secret (160 bits, base32) and its `otpauth://`
         *     URI for a QR code. Nothing changes for login until confirmed with
         *     `POST /me/mfa/totp/enable`; a new setup replaces an unconfirmed one.
         *     409 `conflict` while two-factor sign-in is already on.
         */
        post: operations["setupTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notification-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My stored notification settings
         * @description Servers and channels without an entry use the defaults (server `all`, channel `default`, not muted, `@everyone` not suppressed).
         */
        get: operations["notificationSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change the password
         * @description A wrong current password is 422 on `current_password`; a new one
         *     outside 8–128 characters is 422 on `new_password`. Every other
         *     session of the user ends at once (their sockets close with 4003);
         *     the current one lives on.
         */
        put: operations["changePassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/read-states": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My read state in every channel of every server I am in and in every DM and group */
        get: operations["readStates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's live sessions, the current one first, then by last use */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        /**
         * End every session but the current one
         * @description Their access and refresh tokens stop working at once; their sockets close with 4003.
         */
        delete: operations["endOtherSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End one of the caller's sessions
         * @description Its tokens stop working at once and its sockets close with 4003
         *     (ending the current session is a logout). Another user's session or
         *     an unknown id is 404.
         */
        delete: operations["endSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A message's id. */
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a message (its author, or an admin who outranks the author) */
        delete: operations["deleteMessage"];
        options?: never;
        head?: never;
        /** Edit one's own message (author) */
        patch: operations["editMessage"];
        trace?: never;
    };
    "/messages/{id}/reactions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A message's id. */
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove every reaction of a message (admin)
         * @description Everyone in the server hears `reaction.removed_all`.
         */
        delete: operations["clearReactions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/{id}/reactions/{emoji}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One Unicode emoji (one extended grapheme cluster), percent-encoded; anything else is 422 on `emoji`. */
                emoji: components["parameters"]["Emoji"];
                /** @description A message's id. */
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        /** Who reacted with this emoji, by user id, paged (member) */
        get: operations["listReactors"];
        /**
         * React to a message with one emoji (member; idempotent)
         * @description At most 20 distinct emoji per message: a new 21st is 409
         *     `too_many_reactions`. Reacting again with the same emoji changes
         *     nothing. Everyone in the server hears `reaction.added`.
         */
        put: operations["addReaction"];
        post?: never;
        /** Take one's own reaction back (member; idempotent) */
        delete: operations["removeReaction"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document, as JSON */
        get: operations["openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/server/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        /** Alias of `GET /servers/{id}` */
        get: operations["getServerAlias"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The servers the caller belongs to */
        get: operations["listServers"];
        put?: never;
        /** Create a server owned by the caller, with a `general` channel */
        post: operations["createServer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        /** A server the caller belongs to, with its channels (member) */
        get: operations["getServer"];
        /** Rename or re-describe a server (admin) */
        put: operations["updateServer"];
        post?: never;
        /** Delete a server and everything in it (owner) */
        delete: operations["deleteServer"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        /**
         * The server's audit log, newest first (admins and the owner)
         * @description Every moderation and configuration act: server update, channel
         *     create/update/reorder/delete, role change, ownership transfer, kick,
         *     ban, unban, timeout set/lift, invite create/revoke, and a message
         *     deleted by someone other than its author. Each entry has the actor,
         *     the target, the reason (optional, at most 512 code points, given as
         *     the `X-Audit-Log-Reason` header on the acting request, percent-encoded
         *     UTF-8 for non-ASCII text; a ban's or timeout's body `reason` counts
         *     too) and the changes. Entries are kept 90 days by default
         *     (`--audit-retention-days`). Plain members get 403, non-members 404.
         */
        get: operations["auditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/bans": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        /** The server's active bans (admin) */
        get: operations["listBans"];
        put?: never;
        /**
         * Ban a user for a time or for good (admin who outranks them)
         * @description Without `duration_seconds` the ban is permanent. A member is removed at once and cannot rejoin until the ban ends.
         */
        post: operations["banUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/bans/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Lift a ban (admin) */
        delete: operations["unbanUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/channels": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        /** The server's channels by position, then creation (member) */
        get: operations["listChannels"];
        put?: never;
        /** Create a channel at the end of the list (admin) */
        post: operations["createChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/icon": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Set a server's icon (whoever may update the server)
         * @description The same upload and processing as `PUT /me/avatar`, for the roles
         *     that may `PUT /servers/{id}` (admin, owner). Members get
         *     `server.updated` with the new `icon_url`; the audit log gets a
         *     `server_update` entry with the change of `icon_url`.
         */
        put: operations["setServerIcon"];
        post?: never;
        /** Remove a server's icon (whoever may update the server) */
        delete: operations["clearServerIcon"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        /** The server's invites (admin) */
        get: operations["listInvites"];
        put?: never;
        /**
         * Create an invite (admin)
         * @description Without limits the invite never expires and has no use count. The body may be empty.
         */
        post: operations["createInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/join": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join a server with one of its invite codes
         * @description A code of another server is 404.
         */
        post: operations["joinServer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Leave a server (member; not the owner) */
        delete: operations["leaveServer"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        /** The server's members with live status (member) */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Make a member admin or member (owner)
         * @description `owner` is refused with 422 (use transfer-ownership). A non-member target is 404.
         */
        put: operations["setRole"];
        post?: never;
        /**
         * Kick a member (admin who outranks them)
         * @description The member may come back with an invite.
         */
        delete: operations["kickMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/members/{user_id}/timeout": {
        parameters: {
            query?: never;
            header?: {
                /** @description Why (recorded in the audit log); at most 512 code points, percent-encoded UTF-8 for non-ASCII text. */
                "X-Audit-Log-Reason"?: components["parameters"]["AuditLogReason"];
            };
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Time a member out (admin who outranks them)
         * @description Until `until` (in the future, at most 28 days ahead) the member can
         *     read but cannot send, react or type: those answer 403 `timed_out`
         *     with `details.until`. Setting it again replaces the end. The server
         *     hears `member.updated` with `timed_out_until`. A timeout outlives
         *     leaving and rejoining. Recorded in the audit log (`member_timeout`)
         *     with `reason` (the body's, else the `X-Audit-Log-Reason` header's).
         */
        put: operations["timeoutMember"];
        post?: never;
        /**
         * Lift a member's timeout (admin who outranks them)
         * @description Harmless when there is none. The server hears `member.updated` when one was lifted.
         */
        delete: operations["liftTimeout"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/messages/search": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        /**
         * Search the server's messages, newest first (member)
         * @description Only the channels the caller may read. `q` is words, all of which
         *     must be found (case and accents ignored; words are runs of letters
         *     and digits of any script; the last bare word also matches as a
         *     prefix), `"quoted phrases"` (consecutive words in order) and
         *     `-excluded` words or `-"phrases"`. An empty `q` (or one of
         *     punctuation only), one longer than 200 characters, with more than
         *     16 words and phrases, or with only excluded ones is 422 on `q`.
         *     Edits are searchable at once by their new words; deleted messages
         *     are never returned. Pages hold `limit` hits (default 25, clamped to
         *     100); pass `next_cursor` as `cursor` for the next (older) page.
         *     Not a member, or an unknown server: 404. A `channel_id` that is
         *     not a channel of this server: 404 (`channel`).
         */
        get: operations["searchMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * My notification settings for a server (member)
         * @description Fields left out keep their stored (or default) value; `muted_until` null unmutes.
         */
        put: operations["setServerNotifications"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/transfer-ownership": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hand ownership to another member (owner)
         * @description The old owner becomes admin; there is exactly one owner at all times. A target who is not a member is 404.
         */
        post: operations["transferOwnership"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A user's id. */
                id: string;
            };
            cookie?: never;
        };
        /**
         * A user's profile (people who share a server with the caller, or the caller)
         * @description Anyone else gets 404, as for an account that does not exist. The
         *     status is as the caller sees it (`invisible` shows as `offline` to
         *     others). A deleted account is 404 for everyone. `message_count` is
         *     given only when the caller looks at themself (the account deletion
         *     dialog says how many messages stay, shown as "Deleted user").
         */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AckRequest: {
            /**
             * Format: uuid
             * @description A message of this channel.
             */
            message_id: string;
        };
        Attachment: {
            content_type: string;
            filename: string;
            height: number | null;
            /** Format: uuid */
            id: string;
            /** @description A signed path of an image's small preview (at most 400 px). */
            preview_url: string | null;
            size: number;
            spoiler: boolean;
            /** @description A signed path (`/attachments/{id}/{filename}?expires=…&signature=…`) that works without Authorization for one to two hours. */
            url: string;
            width: number | null;
        };
        /** @enum {string} */
        AuditAction: "server_update" | "channel_create" | "channel_update" | "channel_reorder" | "channel_delete" | "member_role_update" | "ownership_transfer" | "member_kick" | "member_ban" | "member_unban" | "member_timeout" | "member_timeout_remove" | "invite_create" | "invite_delete" | "message_delete";
        AuditEntry: {
            action: components["schemas"]["AuditAction"];
            actor: components["schemas"]["Author"];
            /** Format: uuid */
            actor_id: string;
            changes: {
                key: string;
                new: string | number | null;
                old: string | number | null;
            }[];
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            reason: string | null;
            /** Format: uuid */
            server_id: string;
            /** @description A UUID, or an invite code. */
            target_id: string | null;
            /** @enum {string|null} */
            target_type: "server" | "channel" | "user" | "invite" | "message" | null;
            /** @description The target user's names when the target is a user. */
            target_user: components["schemas"]["Author"] | null;
        };
        /** @description The author of a message (also a DM's recipient). A deleted account keeps its id; its `display_name` is "Deleted user" and its `username` the reserved `~deleted-` followed by the id's 32 hex digits, which no sign-up can take (clients show no username or profile for it). */
        Author: {
            avatar_url: components["schemas"]["AvatarUrl"];
            display_name: string;
            /** Format: uuid */
            id: string;
            username: string;
        };
        AuthTokens: {
            access_token: string;
            /** @description Seconds until the access token expires (900). */
            expires_in: number;
            refresh_token: string;
            /** @constant */
            token_type?: "Bearer";
            user: components["schemas"]["User"];
        };
        /** @description The avatar's path (`/avatars/{user_id}/{key}.png`, public, immutable); `null` without an avatar. */
        AvatarUrl: string | null;
        Ban: {
            /** Format: uuid */
            banned_by: string;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description `null`: permanent.
             */
            expires_at: string | null;
            reason: string | null;
            /** Format: uuid */
            server_id: string;
            /** @description The banned user's names (beyond API.md's fields, so admins see whom a ban concerns); a deleted account shows as `deleted-user`. */
            user: components["schemas"]["Author"];
            /** Format: uuid */
            user_id: string;
        };
        BanRequest: {
            /** @description Omit for a permanent ban. */
            duration_seconds?: number;
            reason?: string;
            /** Format: uuid */
            user_id: string;
        };
        Block: {
            avatar_url: components["schemas"]["AvatarUrl"];
            /** Format: date-time */
            created_at: string;
            display_name: string;
            /** Format: uuid */
            user_id: string;
            username: string;
        };
        ChangePasswordRequest: {
            current_password: string;
            new_password: string;
        };
        Channel: {
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            /**
             * @description `text` for a server's channel; `group` only in the answer to renaming a group.
             * @enum {string}
             */
            kind: "text" | "group";
            name: string;
            /** Format: int64 */
            position: number;
            /** Format: uuid */
            server_id: string | null;
            /** @description Seconds members wait between their messages here (0 off); admins and the owner are exempt. */
            slowmode_seconds: number;
            topic: string;
        };
        ChannelNotifications: {
            /** Format: uuid */
            channel_id: string;
            /**
             * @description `default` follows the server.
             * @enum {string}
             */
            level: "default" | "all" | "mentions" | "none";
            /** Format: date-time */
            muted_until: string | null;
            /** Format: uuid */
            server_id: string;
        };
        ChannelNotificationsRequest: {
            /** @enum {string} */
            level?: "default" | "all" | "mentions" | "none";
            /** Format: date-time */
            muted_until?: string | null;
        };
        CodeRequest: {
            /** @description 6 digits from the authenticator app. */
            code: string;
        };
        CreateChannelRequest: {
            name: string;
            slowmode_seconds?: number;
            topic?: string;
        };
        CreateInviteRequest: {
            expires_in_seconds?: number;
            max_uses?: number;
        };
        CreateServerRequest: {
            description?: string;
            name: string;
        };
        DeletedReply: {
            /** @constant */
            deleted: true;
            /** Format: uuid */
            id: string;
        };
        DirectChannel: {
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "dm" | "group";
            /** Format: date-time */
            last_activity_at: string;
            /** Format: uuid */
            last_message_id: string | null;
            /** @description A group's name; `null` for a DM. */
            name: string | null;
            /**
             * Format: uuid
             * @description A group's owner; `null` for a DM.
             */
            owner_id: string | null;
            recipients: components["schemas"]["Recipient"][];
            /** @description DMs and groups have no server. */
            server_id: null;
        };
        EditMessageRequest: {
            content: string;
        };
        /** @description No fields; the body may also be empty. */
        Empty: Record<string, never>;
        /**
         * @example {
         *       "error": {
         *         "code": "not_found",
         *         "message": "server not found"
         *       }
         *     }
         */
        Error: {
            error: {
                code: components["schemas"]["ErrorCode"];
                details?: {
                    [key: string]: unknown;
                };
                /** @description For a person. */
                message: string;
            };
        };
        /**
         * @description A machine-readable code: every code the server sends, REST and socket (`error` frames). The web client's error-code union is generated from this list.
         * @enum {string}
         */
        ErrorCode: "bad_request" | "unauthenticated" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "username_taken" | "channel_name_taken" | "owner_cannot_leave" | "banned" | "owns_servers" | "invite_expired" | "payload_too_large" | "validation_failed" | "rate_limited" | "unavailable" | "invalid_code" | "timed_out" | "account_disabled" | "too_many_reactions" | "too_many_pins" | "storage_quota_exceeded" | "dm_not_allowed" | "blocked" | "internal";
        Health: {
            /** @enum {string} */
            status: "ok" | "unavailable";
        };
        Invite: {
            code: string;
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            created_by: string;
            /** Format: date-time */
            expires_at: string | null;
            max_uses: number | null;
            /** Format: uuid */
            server_id: string;
            uses: number;
        };
        InvitePreview: {
            /** @description Only for a signed-in caller banned from the server. */
            ban?: {
                /**
                 * Format: date-time
                 * @description `null`: permanent.
                 */
                expires_at: string | null;
            };
            code: string;
            /** Format: date-time */
            expires_at: string | null;
            server: {
                /** @description The server's icon (`/icons/{id}/{key}.png`, public), as on the server itself; `null` without an icon. */
                icon_url: string | null;
                /** Format: uuid */
                id: string;
                member_count: number;
                name: string;
                /** @description Members others see online (invisible ones count as offline). */
                online_count: number;
            };
        };
        JoinServerRequest: {
            invite_code: string;
        };
        LoginRequest: {
            password: string;
            username: string;
        };
        Member: {
            avatar_url: components["schemas"]["AvatarUrl"];
            display_name: string;
            /** Format: date-time */
            joined_at: string;
            /** @enum {string} */
            role: "owner" | "admin" | "member";
            /** @enum {string} */
            status: "online" | "away" | "dnd" | "offline" | "invisible";
            /**
             * Format: date-time
             * @description When the member's running timeout ends; `null` when not timed out.
             */
            timed_out_until?: string | null;
            /** Format: uuid */
            user_id: string;
            username: string;
        };
        Message: {
            /** @description Its files in upload order; may be the whole message (`content` empty). */
            attachments: components["schemas"]["Attachment"][];
            author: components["schemas"]["Author"];
            /** Format: uuid */
            channel_id: string;
            content: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            edited_at: string | null;
            /** Format: uuid */
            id: string;
            mentions: string[];
            nonce: string | null;
            pinned: boolean;
            /** @description In order of first use; `me` is for the viewer (the caller, or the receiving user of a socket event). */
            reactions: components["schemas"]["Reaction"][];
            /** @description The message this one answers; `{id, deleted: true}` once that is gone. */
            reply_to: null | components["schemas"]["ReplyPreview"] | components["schemas"]["DeletedReply"];
            /** Format: uuid */
            server_id: string;
        };
        /** @description Exactly one of `code` and `recovery_code`. */
        MfaLoginRequest: {
            /** @description 6 digits from the authenticator app (or a recovery code). */
            code?: string;
            recovery_code?: string;
            ticket: string;
        } & (unknown | unknown);
        MfaRequired: {
            /** @constant */
            mfa_required: true;
            /** @description For `POST /auth/mfa`; lives 5 minutes. */
            ticket: string;
        };
        MfaStatus: {
            enabled: boolean;
            recovery_codes_left: number;
        };
        NotificationSettings: {
            channels: components["schemas"]["ChannelNotifications"][];
            servers: components["schemas"]["ServerNotifications"][];
        };
        /** @enum {string} */
        NotifyLevel: "all" | "mentions" | "none";
        OpenDirectChannelRequest: {
            /** @description A group's name (groups only). */
            name?: string;
            recipients: string[];
        };
        PasswordAndCodeRequest: {
            /** @description A current code from the authenticator app */
            code: string;
            password: string;
        };
        PasswordRequest: {
            password: string;
        };
        Profile: components["schemas"]["User"] & {
            /** @description Only when the caller looks at themself. */
            message_count?: number;
        };
        Reaction: {
            count: number;
            emoji: string;
            me: boolean;
        };
        ReadState: {
            /** Format: uuid */
            channel_id: string;
            /**
             * Format: uuid
             * @description The channel's newest message (what "mark as read" acks); null in an empty channel.
             */
            last_message_id: string | null;
            /**
             * Format: uuid
             * @description The newest message read; null when never read (then every message is unread).
             */
            last_read_message_id: string | null;
            /** @description Messages after the marker that mention me; in a DM or group */
            mention_count: number;
            /**
             * Format: uuid
             * @description The nil id `00000000-0000-0000-0000-000000000000` for a DM or group (as its messages carry).
             */
            server_id: string;
            /** @description More than 100 messages follow the marker (unread_count is then 100). */
            unread_capped: boolean;
            /** @description Messages after the marker; exact up to 100. */
            unread_count: number;
        };
        Recipient: {
            avatar_url: components["schemas"]["AvatarUrl"];
            display_name: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "online" | "away" | "dnd" | "offline";
            username: string;
        };
        RecoveryCodes: {
            recovery_codes: string[];
        };
        RefreshRequest: {
            refresh_token: string;
        };
        ReplyPreview: {
            author: components["schemas"]["Author"];
            /** @description The first 100 code points. */
            content: string;
            /** Format: uuid */
            id: string;
        };
        SearchHighlight: {
            /** @description Up to 160 characters of the message around its first match, `…` where it was cut. */
            context: string;
            /** @description The matches in `context`, in order: `[start, end)` in UTF-16 code units (JavaScript string indexes). */
            offsets: {
                end: number;
                start: number;
            }[];
        };
        /** @description A `message` with the words that matched. */
        SearchHit: components["schemas"]["Message"] & {
            highlight: components["schemas"]["SearchHighlight"];
        };
        SearchResults: {
            messages: components["schemas"]["SearchHit"][];
            /**
             * Format: uuid
             * @description Pass as `cursor` for the next page; null on the last page.
             */
            next_cursor: string | null;
            /** @description How many messages match in all (cursor aside); exact up to 1000, then 1000. */
            total_estimate: number;
        };
        SendMessageRequest: {
            /** @description Pending uploads of the caller to this channel (`POST /channels/{id}/attachments`); each is used once. Anything else is 422 on `attachment_ids`. */
            attachment_ids?: string[];
            /** @description At most 4000 code points as sent; stored trimmed. Not blank unless `attachment_ids` is not empty (422 on `content`). */
            content: string;
            /** @description Makes a retry idempotent for this author. */
            nonce?: string;
            /**
             * Format: uuid
             * @description A message of this channel that this one answers.
             */
            reply_to?: string | null;
            /** @description Which of `attachment_ids` are shown hidden until clicked. */
            spoiler_ids?: string[];
        };
        Server: {
            /** Format: date-time */
            created_at: string;
            description: string;
            /** @description The icon's path (`/icons/{id}/{key}.png`, public, immutable); `null` without an icon. */
            icon_url: string | null;
            /** Format: uuid */
            id: string;
            member_count: number;
            /** @enum {string} */
            my_role: "owner" | "admin" | "member";
            name: string;
            /** Format: uuid */
            owner_id: string;
        };
        ServerNotifications: {
            level: components["schemas"]["NotifyLevel"];
            /** Format: date-time */
            muted_until: string | null;
            /** Format: uuid */
            server_id: string;
            suppress_everyone: boolean;
        };
        ServerNotificationsRequest: {
            level?: components["schemas"]["NotifyLevel"];
            /** Format: date-time */
            muted_until?: string | null;
            suppress_everyone?: boolean;
        };
        ServerWithChannels: components["schemas"]["Server"] & {
            channels: components["schemas"]["Channel"][];
        };
        Session: {
            /** Format: date-time */
            created_at: string;
            /** @description Whether this is the session making the request. */
            current: boolean;
            /** Format: uuid */
            id: string;
            /** @description The login address's network only: an IPv4 /24 or IPv6 /48. */
            ip_hint: string | null;
            /**
             * Format: date-time
             * @description Updated at most once a minute.
             */
            last_used_at: string;
            /** @description The User-Agent of the login (at most 256 characters). */
            user_agent: string | null;
        };
        SetRoleRequest: {
            /** @enum {string} */
            role: "admin" | "member";
        };
        /** @description An ALTCHA challenge (its field names, so a stock ALTCHA widget solves it too). */
        SignupChallenge: {
            /** @constant */
            algorithm: "SHA-256";
            /** @description SHA-256 of `salt` followed by the secret number, hex. */
            challenge: string;
            /** @description The secret number is at most this (the difficulty). */
            maxnumber: number;
            /** @description Random, ending with `?expires=<unix seconds>`. */
            salt: string;
            /** @description The server signature of `challenge` (HMAC-SHA256, hex). */
            signature: string;
        };
        SignupRequest: {
            /**
             * @description The solved sign-up challenge (only with `--signup-challenge on`):
             *     base64 of the JSON `{algorithm, challenge, number, salt, signature}`.
             *     See `GET /auth/signup-challenge`.
             */
            altcha?: string;
            display_name?: string;
            password: string;
            username: string;
        };
        TimeoutRequest: {
            reason?: string;
            /**
             * Format: date-time
             * @description In the future, at most 28 days ahead.
             */
            until: string;
        };
        TotpSetup: {
            /** @description otpauth://totp/… (SHA1, 6 digits, 30 s), for a QR code. */
            otpauth_uri: string;
            /** @description The 160-bit secret in base32 (32 characters), for typing in. */
            secret: string;
        };
        TransferRequest: {
            /** Format: uuid */
            user_id: string;
        };
        UpdateChannelRequest: {
            name?: string;
            /** Format: int64 */
            position?: number;
            slowmode_seconds?: number;
            topic?: string;
        };
        UpdateMeRequest: {
            bio?: string;
            /** @description Extension of API.md; `null` or an empty text clears it. */
            custom_status?: string | null;
            display_name?: string;
            /**
             * @description Who may open a DM with me (default `server_members`).
             * @enum {string}
             */
            dm_policy?: "everyone" | "server_members" | "nobody";
            /**
             * @description Extension of API.md.
             * @enum {string}
             */
            status?: "online" | "away" | "dnd" | "invisible";
        };
        UpdateServerRequest: {
            description?: string;
            name?: string;
        };
        Upload: {
            /** @description Sniffed from the bytes. */
            content_type: string;
            /**
             * Format: date-time
             * @description When the pending upload is removed if no message names it.
             */
            expires_at: string;
            /** @description Sanitised. */
            filename: string;
            /** @description Images only. */
            height?: number;
            /** Format: uuid */
            id: string;
            size: number;
            /** @description Images only. */
            width?: number;
        };
        User: {
            avatar_url: components["schemas"]["AvatarUrl"];
            bio: string;
            /** Format: date-time */
            created_at: string;
            /** @description Extension of API.md; the user's custom status text. */
            custom_status?: string | null;
            display_name: string;
            /**
             * @description Direct messages; in the answers of GET and PATCH /me only.
             * @enum {string}
             */
            dm_policy?: "everyone" | "server_members" | "nobody";
            /** Format: uuid */
            id: string;
            /**
             * @description `invisible` only when users see themselves; others see `offline`.
             * @enum {string}
             */
            status: "online" | "away" | "dnd" | "offline" | "invisible";
            username: string;
        };
        /**
         * @example {
         *       "error": {
         *         "code": "validation_failed",
         *         "message": "name: must be 1 to 100 characters",
         *         "details": {
         *           "field": "name"
         *         }
         *       }
         *     }
         */
        ValidationError: components["schemas"]["Error"] & {
            error?: {
                details: {
                    field: string;
                };
            };
        };
    };
    responses: {
        /**
         * @description `account_disabled`: an operator disabled this account
         *     (`chat-server admin disable-user`); it cannot log in until enabled
         *     again. Told only after the right password (a wrong one stays 401).
         *     Its sessions ended when it was disabled: their refresh tokens answer
         *     401 and their sockets closed with 4003.
         */
        AccountDisabled: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `bad_request`: the body is not JSON, has the wrong shape, or is not `application/json`. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `conflict` (or a more specific code): the action clashes with the current state. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `forbidden`: a member lacks the role for the action. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `internal`: the server failed; nothing of the cause is shown. */
        Internal: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description `invalid_code`: the second factor is wrong or already used;
         *     `details.ticket_expired` is true when the ticket can no longer be
         *     used (expired, 5 wrong codes, unknown): log in again.
         */
        InvalidCode: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `invite_expired`: the invite is past its expiry or its use count. */
        InviteExpired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `method_not_allowed`: the path exists but not with this method. */
        MethodNotAllowed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `not_found`: the thing does not exist, or the caller may not see it (not a member). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `payload_too_large`: the body is over 1 MiB. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `rate_limited`: too many attempts (or slow mode); retry after the given number of seconds; `details.retry_after_ms` gives it in milliseconds. */
        RateLimited: {
            headers: {
                /** @description Seconds to wait. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `unauthenticated`: no token, a bad or expired token, a logged-out session, or wrong credentials. */
        Unauthenticated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `validation_failed`: a field breaks a rule; `details.field` names it. */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ValidationError"];
            };
        };
    };
    parameters: {
        /** @description Why (recorded in the audit log); at most 512 code points, percent-encoded UTF-8 for non-ASCII text. */
        AuditLogReason: string;
        /** @description A channel's id. */
        ChannelId: string;
        /** @description One Unicode emoji (one extended grapheme cluster), percent-encoded; anything else is 422 on `emoji`. */
        Emoji: string;
        /** @description An invite code. */
        InviteCode: string;
        /** @description A message's id. */
        MessageId: string;
        /** @description `{key}.png`, the key being 32 lower-case hex digits. */
        PictureFile: string;
        /** @description Only messages sent strictly after this time (RFC 3339, or a date meaning its midnight UTC); `before` must be later (else 422). */
        SearchAfter: string;
        /** @description Only messages written by this user (anything but an id is 422). */
        SearchAuthorId: string;
        /**
         * @description Only messages sent strictly before this time (RFC 3339, or a date meaning its midnight UTC).
         * @example 2026-01-31
         */
        SearchBefore: string;
        /** @description The previous page's `next_cursor`. */
        SearchCursor: string;
        /** @description `link`: containing `http://` or `https://`. `file`: carrying at least one attachment. */
        SearchHas: "link" | "file";
        SearchLimit: number;
        /** @description Only messages that mention this user. */
        SearchMentions: string;
        /** @example deploy "release candidate" -staging */
        SearchQ: string;
        /** @description A server's id. */
        ServerId: string;
        /** @description A user's id. */
        UserId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    downloadAttachment: {
        parameters: {
            query?: {
                /** @description Expiry of a signed URL, Unix seconds. */
                expires?: number;
                /** @description `1`: the small preview of an image instead of the file. */
                preview?: string;
                /** @description The signature of a signed URL (from a message's `url`). */
                signature?: string;
            };
            header?: {
                "If-None-Match"?: string;
                /** @description One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`). */
                Range?: string;
            };
            path: {
                /** @description The attachment's filename as stored (percent-encoded). */
                filename: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes. */
            200: {
                headers: {
                    "Content-Disposition"?: string;
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description The requested range (`Content-Range`). */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description Not modified (`If-None-Match` matched). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            /** @description The range starts past the end (`Content-Range: bytes *\/size`). */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            500: components["responses"]["Internal"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /**
             * @description The user and a token pair; or, when the user has two-factor
             *     sign-in on, `{mfa_required: true, ticket}` and no tokens: send the
             *     ticket with a code to `POST /auth/mfa`.
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthTokens"] | components["schemas"]["MfaRequired"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["AccountDisabled"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["Empty"];
            };
        };
        responses: {
            /** @description Logged out. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    loginMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MfaLoginRequest"];
            };
        };
        responses: {
            /** @description The user and a token pair, as login answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthTokens"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["InvalidCode"];
            403: components["responses"]["AccountDisabled"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
        };
    };
    refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description The user and a new token pair. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthTokens"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["AccountDisabled"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["Internal"];
        };
    };
    signup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignupRequest"];
            };
        };
        responses: {
            /** @description The new user and a token pair. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthTokens"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description `username_taken`: the username is taken (ignoring case). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
        };
    };
    signupChallenge: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A new challenge. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignupChallenge"];
                };
            };
            /** @description The sign-up challenge is off; sign up without `altcha`. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            500: components["responses"]["Internal"];
        };
    };
    getAvatar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `{key}.png`, the key being 32 lower-case hex digits. */
                file: components["parameters"]["PictureFile"];
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The 256×256 PNG. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The channel. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Channel"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    updateChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateChannelRequest"];
            };
        };
        responses: {
            /** @description The updated channel. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Channel"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description `channel_name_taken`: a channel of that name (ignoring case) exists in the server. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    deleteChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    uploadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description The pending upload. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Upload"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            /** @description `timed_out`: the caller is timed out in this server. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            404: components["responses"]["NotFound"];
            /** @description `storage_quota_exceeded`: the caller's files would use more than their quota; `details.used_bytes` and `details.limit_bytes`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: the file is over the limit; `details.limit_bytes`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
        };
    };
    history: {
        parameters: {
            query?: {
                after?: string;
                /** @description Jump to a message; the page includes it. */
                around?: string;
                before?: string;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The messages, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    sendMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessageRequest"];
            };
        };
        responses: {
            /** @description A repeated nonce; the first message, unchanged. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description The new message. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            /** @description `timed_out`: the caller is timed out in this server; `details.until` says until when. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
        };
    };
    setChannelNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChannelNotificationsRequest"];
            };
        };
        responses: {
            /** @description The stored settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelNotifications"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    listPins: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description At most 50 messages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"][];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    pinMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
                /** @description A message of this channel. */
                message_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Pinned. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["Internal"];
        };
    };
    unpinMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
                /** @description A message of this channel. */
                message_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Not pinned. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    ackChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AckRequest"];
            };
        };
        responses: {
            /** @description Marked read. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            /** @description `validation_failed` on `message_id`: not a message of this channel (or not an id). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    addRecipient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
                /** @description A user's id; `@me` (DELETE only) leaves the group. */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Added (or already there). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            /** @description `forbidden` (not the owner, or a DM) or `dm_not_allowed`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    removeRecipient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A channel's id. */
                id: components["parameters"]["ChannelId"];
                /** @description A user's id; `@me` (DELETE only) leaves the group. */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Usable. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Storage or (in a cluster) Redis does not answer, or the instance is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getServerIcon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `{key}.png`, the key being 32 lower-case hex digits. */
                file: components["parameters"]["PictureFile"];
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The 256×256 PNG. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    previewInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An invite code. */
                code: components["parameters"]["InviteCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invite's server. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitePreview"];
                };
            };
            404: components["responses"]["NotFound"];
            410: components["responses"]["InviteExpired"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
        };
    };
    revokeInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An invite code. */
                code: components["parameters"]["InviteCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    joinByInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An invite code. */
                code: components["parameters"]["InviteCode"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["Empty"];
            };
        };
        responses: {
            /** @description The joined server with its channels. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerWithChannels"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            /** @description `banned`: the caller is banned from the server. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            410: components["responses"]["InviteExpired"];
            500: components["responses"]["Internal"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller, as they see themself. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    deleteMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordRequest"];
            };
        };
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            /** @description `owns_servers`: transfer or delete owned servers first. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `validation_failed` on `password`: missing or wrong. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateMeRequest"];
            };
        };
        responses: {
            /** @description The updated user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    setAvatar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description The caller with the new `avatar_url`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            /** @description `payload_too_large`: the file is over 8 MiB; `details.limit_bytes`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
        };
    };
    clearAvatar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller with `avatar_url` null. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    listBlocks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The blocks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Block"][];
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    blockUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Blocked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    unblockUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Not blocked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    listDirectChannels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Each with its recipients (the caller included). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectChannel"][];
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    openDirectChannel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpenDirectChannelRequest"];
            };
        };
        responses: {
            /** @description The existing DM. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectChannel"];
                };
            };
            /** @description The new DM or group. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectChannel"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            /** @description `dm_not_allowed`: a recipient does not accept DMs from the caller. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    searchDirectMessages: {
        parameters: {
            query: {
                /** @description Only messages sent strictly after this time (RFC 3339, or a date meaning its midnight UTC); `before` must be later (else 422). */
                after?: components["parameters"]["SearchAfter"];
                /** @description Only messages written by this user (anything but an id is 422). */
                author_id?: components["parameters"]["SearchAuthorId"];
                /**
                 * @description Only messages sent strictly before this time (RFC 3339, or a date meaning its midnight UTC).
                 * @example 2026-01-31
                 */
                before?: components["parameters"]["SearchBefore"];
                /** @description Only messages of this DM or group of mine. */
                channel_id?: string;
                /** @description The previous page's `next_cursor`. */
                cursor?: components["parameters"]["SearchCursor"];
                /** @description `link`: containing `http://` or `https://`. `file`: carrying at least one attachment. */
                has?: components["parameters"]["SearchHas"];
                limit?: components["parameters"]["SearchLimit"];
                /** @description Only messages that mention this user. */
                mentions?: components["parameters"]["SearchMentions"];
                /** @example deploy "release candidate" -staging */
                q: components["parameters"]["SearchQ"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of hits, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResults"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    exportMyData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    mfaStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MfaStatus"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    disableMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordAndCodeRequest"];
            };
        };
        responses: {
            /** @description Off; login needs the password only. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    regenerateRecoveryCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordAndCodeRequest"];
            };
        };
        responses: {
            /** @description The new recovery codes, shown this once. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodes"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    enableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CodeRequest"];
            };
        };
        responses: {
            /** @description The recovery codes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodes"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    setupTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordRequest"];
            };
        };
        responses: {
            /** @description The pending secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpSetup"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    notificationSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stored settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationSettings"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordRequest"];
            };
        };
        responses: {
            /** @description Changed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    readStates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per channel; my DMs and groups first (server id `00000000-0000-0000-0000-000000000000`), then each server's channels. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadState"][];
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    listSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sessions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"][];
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    endOtherSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    endSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    deleteMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A message's id. */
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    editMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A message's id. */
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EditMessageRequest"];
            };
        };
        responses: {
            /** @description The message with `edited_at` set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    clearReactions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A message's id. */
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message has no reactions. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    listReactors: {
        parameters: {
            query?: {
                /** @description A user id; the page starts after it. */
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description One Unicode emoji (one extended grapheme cluster), percent-encoded; anything else is 422 on `emoji`. */
                emoji: components["parameters"]["Emoji"];
                /** @description A message's id. */
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The users, ordered by id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"][];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    addReaction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One Unicode emoji (one extended grapheme cluster), percent-encoded; anything else is 422 on `emoji`. */
                emoji: components["parameters"]["Emoji"];
                /** @description A message's id. */
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's reaction is there. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    removeReaction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One Unicode emoji (one extended grapheme cluster), percent-encoded; anything else is 422 on `emoji`. */
                emoji: components["parameters"]["Emoji"];
                /** @description A message's id. */
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's reaction is gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    openapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    getServerAlias: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server with its channels by position. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerWithChannels"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    listServers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's servers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Server"][];
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    createServer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateServerRequest"];
            };
        };
        responses: {
            /** @description The server with its channels. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerWithChannels"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    getServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server with its channels by position. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerWithChannels"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    updateServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateServerRequest"];
            };
        };
        responses: {
            /** @description The updated server with its channels. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerWithChannels"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    deleteServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    auditLog: {
        parameters: {
            query?: {
                action?: components["schemas"]["AuditAction"];
                actor_id?: string;
                /** @description An entry id; only older entries. */
                before?: string;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The entries, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEntry"][];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    listBans: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bans. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ban"][];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    banUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BanRequest"];
            };
        };
        responses: {
            /** @description The ban. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ban"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    unbanUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Lifted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    listChannels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The channels. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Channel"][];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    createChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateChannelRequest"];
            };
        };
        responses: {
            /** @description The channel. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Channel"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description `channel_name_taken`: a channel of that name (ignoring case) exists in the server. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    setServerIcon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                };
            };
        };
        responses: {
            /** @description The server with its channels and the new `icon_url`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerWithChannels"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description `payload_too_large`: the file is over 8 MiB; `details.limit_bytes`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
        };
    };
    clearServerIcon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server with its channels and `icon_url` null. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerWithChannels"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    listInvites: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invites. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invite"][];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    createInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateInviteRequest"];
            };
        };
        responses: {
            /** @description The invite. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invite"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    joinServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JoinServerRequest"];
            };
        };
        responses: {
            /** @description The joined server with its channels. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerWithChannels"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            /** @description `banned`: the caller is banned from the server. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            410: components["responses"]["InviteExpired"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["Internal"];
        };
    };
    leaveServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Left. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            /** @description `owner_cannot_leave`: transfer ownership or delete the server first. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    listMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The members. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"][];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    setRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetRoleRequest"];
            };
        };
        responses: {
            /** @description The member with the new role. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    kickMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Kicked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    timeoutMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description Why (recorded in the audit log); at most 512 code points, percent-encoded UTF-8 for non-ASCII text. */
                "X-Audit-Log-Reason"?: components["parameters"]["AuditLogReason"];
            };
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TimeoutRequest"];
            };
        };
        responses: {
            /** @description The member, with `timed_out_until`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    liftTimeout: {
        parameters: {
            query?: never;
            header?: {
                /** @description Why (recorded in the audit log); at most 512 code points, percent-encoded UTF-8 for non-ASCII text. */
                "X-Audit-Log-Reason"?: components["parameters"]["AuditLogReason"];
            };
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
                /** @description A user's id. */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Lifted (or there was none). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    searchMessages: {
        parameters: {
            query: {
                /** @description Only messages sent strictly after this time (RFC 3339, or a date meaning its midnight UTC); `before` must be later (else 422). */
                after?: components["parameters"]["SearchAfter"];
                /** @description Only messages written by this user (anything but an id is 422). */
                author_id?: components["parameters"]["SearchAuthorId"];
                /**
                 * @description Only messages sent strictly before this time (RFC 3339, or a date meaning its midnight UTC).
                 * @example 2026-01-31
                 */
                before?: components["parameters"]["SearchBefore"];
                /** @description Only messages of this channel of the server. */
                channel_id?: string;
                /** @description The previous page's `next_cursor`. */
                cursor?: components["parameters"]["SearchCursor"];
                /** @description `link`: containing `http://` or `https://`. `file`: carrying at least one attachment. */
                has?: components["parameters"]["SearchHas"];
                limit?: components["parameters"]["SearchLimit"];
                /** @description Only messages that mention this user. */
                mentions?: components["parameters"]["SearchMentions"];
                /** @example deploy "release candidate" -staging */
                q: components["parameters"]["SearchQ"];
            };
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of hits, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResults"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    setServerNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServerNotificationsRequest"];
            };
        };
        responses: {
            /** @description The stored settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerNotifications"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    transferOwnership: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A server's id. */
                id: components["parameters"]["ServerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferRequest"];
            };
        };
        responses: {
            /** @description The server as the (former) owner now sees it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerWithChannels"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["Internal"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A user's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
}
type FlattenedDeepRequired<T> = {
    [K in keyof T]-?: FlattenedDeepRequired<T[K] extends unknown[] | undefined | null ? Extract<T[K], unknown[]>[number] : T[K]>;
};
type ReadonlyArray<T> = [
    Exclude<T, undefined>
] extends [
    unknown[]
] ? Readonly<Exclude<T, undefined>> : Readonly<Exclude<T, undefined>[]>;
export const auditActionValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["AuditAction"]> = ["server_update", "channel_create", "channel_update", "channel_reorder", "channel_delete", "member_role_update", "ownership_transfer", "member_kick", "member_ban", "member_unban", "member_timeout", "member_timeout_remove", "invite_create", "invite_delete", "message_delete"];
export const channelKindValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Channel"]["kind"]> = ["text", "group"];
export const channelNotificationsLevelValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ChannelNotifications"]["level"]> = ["default", "all", "mentions", "none"];
export const channelNotificationsRequestLevelValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ChannelNotificationsRequest"]["level"]> = ["default", "all", "mentions", "none"];
export const directChannelKindValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["DirectChannel"]["kind"]> = ["dm", "group"];
export const errorCodeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ErrorCode"]> = ["bad_request", "unauthenticated", "forbidden", "not_found", "method_not_allowed", "conflict", "username_taken", "channel_name_taken", "owner_cannot_leave", "banned", "owns_servers", "invite_expired", "payload_too_large", "validation_failed", "rate_limited", "unavailable", "invalid_code", "timed_out", "account_disabled", "too_many_reactions", "too_many_pins", "storage_quota_exceeded", "dm_not_allowed", "blocked", "internal"];
export const healthStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Health"]["status"]> = ["ok", "unavailable"];
export const memberRoleValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Member"]["role"]> = ["owner", "admin", "member"];
export const memberStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Member"]["status"]> = ["online", "away", "dnd", "offline", "invisible"];
export const notifyLevelValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["NotifyLevel"]> = ["all", "mentions", "none"];
export const recipientStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Recipient"]["status"]> = ["online", "away", "dnd", "offline"];
export const serverMy_roleValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Server"]["my_role"]> = ["owner", "admin", "member"];
export const setRoleRequestRoleValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SetRoleRequest"]["role"]> = ["admin", "member"];
export const updateMeRequestDm_policyValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["UpdateMeRequest"]["dm_policy"]> = ["everyone", "server_members", "nobody"];
export const updateMeRequestStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["UpdateMeRequest"]["status"]> = ["online", "away", "dnd", "invisible"];
export const userDm_policyValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["User"]["dm_policy"]> = ["everyone", "server_members", "nobody"];
export const userStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["User"]["status"]> = ["online", "away", "dnd", "offline", "invisible"];
export const componentsParametersSearchHasValues: ReadonlyArray<FlattenedDeepRequired<components>["parameters"]["SearchHas"]> = ["link", "file"];
