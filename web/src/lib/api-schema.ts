/**
 * generated, do not edit: `npm run gen:types` writes this file from
 * docs/openapi.yaml (openapi-typescript); `npm run check:types` fails
 * when it is stale. Use the names in ./types.ts.
 */

export interface paths {
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
         */
        post: operations["signup"];
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
         * @description The `limit` messages just before `before`, or the newest ones.
         *     `limit` defaults to 50 and is clamped to 100; 0, negative or
         *     non-numeric is 422 (`details.field` = `limit`). A `before` that is not
         *     a message of this channel (including text that is not an id) is 404.
         */
        get: operations["history"];
        put?: never;
        /**
         * Send a message (member)
         * @description Content is stored trimmed. The same author sending the same `nonce`
         *     again gets 200 with the first message, and nothing is duplicated.
         *     `@username` tokens of members (ignoring case) are listed in `mentions`.
         */
        post: operations["sendMessage"];
        delete?: never;
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
        /** What an invite leads to */
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
         * @description Its sessions, memberships and messages go. Refused while the user owns a server.
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Author: {
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
        Channel: {
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: int64 */
            position: number;
            /** Format: uuid */
            server_id: string;
            topic: string;
        };
        CreateChannelRequest: {
            name: string;
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
        ErrorCode: "bad_request" | "unauthenticated" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "username_taken" | "channel_name_taken" | "owner_cannot_leave" | "banned" | "owns_servers" | "invite_expired" | "payload_too_large" | "validation_failed" | "rate_limited" | "unavailable" | "internal";
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
            code: string;
            /** Format: date-time */
            expires_at: string | null;
            server: {
                /** Format: uuid */
                id: string;
                member_count: number;
                name: string;
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
            display_name: string;
            /** Format: date-time */
            joined_at: string;
            /** @enum {string} */
            role: "owner" | "admin" | "member";
            /** @enum {string} */
            status: "online" | "away" | "dnd" | "offline" | "invisible";
            /** Format: uuid */
            user_id: string;
            username: string;
        };
        Message: {
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
            /** Format: uuid */
            server_id: string;
        };
        RefreshRequest: {
            refresh_token: string;
        };
        SendMessageRequest: {
            /** @description At most 4000 code points as sent, not blank; stored trimmed. */
            content: string;
            /** @description Makes a retry idempotent for this author. */
            nonce?: string;
        };
        Server: {
            /** Format: date-time */
            created_at: string;
            description: string;
            /** Format: uuid */
            id: string;
            member_count: number;
            /** @enum {string} */
            my_role: "owner" | "admin" | "member";
            name: string;
            /** Format: uuid */
            owner_id: string;
        };
        ServerWithChannels: components["schemas"]["Server"] & {
            channels: components["schemas"]["Channel"][];
        };
        SetRoleRequest: {
            /** @enum {string} */
            role: "admin" | "member";
        };
        SignupRequest: {
            display_name?: string;
            password: string;
            username: string;
        };
        TransferRequest: {
            /** Format: uuid */
            user_id: string;
        };
        UpdateChannelRequest: {
            name?: string;
            /** Format: int64 */
            position?: number;
            topic?: string;
        };
        UpdateMeRequest: {
            bio?: string;
            display_name?: string;
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
        User: {
            bio: string;
            /** Format: date-time */
            created_at: string;
            display_name: string;
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
        /** @description `rate_limited`: too many attempts; retry after the given number of seconds. */
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
        /** @description A channel's id. */
        ChannelId: string;
        /** @description An invite code. */
        InviteCode: string;
        /** @description A message's id. */
        MessageId: string;
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
            /** @description The user and a token pair. */
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
    history: {
        parameters: {
            query?: {
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
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
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
            /** @description Storage does not answer. */
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
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["InviteExpired"];
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
            /** @description `owns_servers`: transfer or delete owned servers first. */
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
}
type FlattenedDeepRequired<T> = {
    [K in keyof T]-?: FlattenedDeepRequired<T[K] extends unknown[] | undefined | null ? Extract<T[K], unknown[]>[number] : T[K]>;
};
type ReadonlyArray<T> = [
    Exclude<T, undefined>
] extends [
    unknown[]
] ? Readonly<Exclude<T, undefined>> : Readonly<Exclude<T, undefined>[]>;
export const errorCodeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ErrorCode"]> = ["bad_request", "unauthenticated", "forbidden", "not_found", "method_not_allowed", "conflict", "username_taken", "channel_name_taken", "owner_cannot_leave", "banned", "owns_servers", "invite_expired", "payload_too_large", "validation_failed", "rate_limited", "unavailable", "internal"];
export const healthStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Health"]["status"]> = ["ok", "unavailable"];
export const memberRoleValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Member"]["role"]> = ["owner", "admin", "member"];
export const memberStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Member"]["status"]> = ["online", "away", "dnd", "offline", "invisible"];
export const serverMy_roleValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Server"]["my_role"]> = ["owner", "admin", "member"];
export const setRoleRequestRoleValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SetRoleRequest"]["role"]> = ["admin", "member"];
export const updateMeRequestStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["UpdateMeRequest"]["status"]> = ["online", "away", "dnd", "invisible"];
export const userStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["User"]["status"]> = ["online", "away", "dnd", "offline", "invisible"];
