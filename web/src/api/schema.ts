// Generated from src/api/openapi.json by `npm run api:types` (openapi-typescript).
// Do not edit: change the server, then see web/README.md, "The API contract".

export interface paths {
    "/api/v1/acts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Acts of the caller's subtree, oldest first. */
        get: {
            parameters: {
                query?: {
                    /** @description Only my acts (as inspector). */
                    mine?: boolean;
                    /** @description draft, submitted, approved, returned, signed or registered */
                    status?: string;
                    act_type?: string;
                    survey_id?: string;
                    object_id?: string;
                    /** @description Registry year. */
                    year?: number;
                    /** @description Only this organisation's subtree (within the caller's). */
                    organization_id?: string;
                    /** @description Acts after this one (the last id of the previous page). */
                    after?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/acts/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Acts of the caller's subtree, with the list's filters, as an Excel workbook. */
        get: {
            parameters: {
                query?: {
                    /** @description Only my acts (as inspector). */
                    mine?: boolean;
                    /** @description draft, submitted, approved, returned, signed or registered */
                    status?: string;
                    act_type?: string;
                    survey_id?: string;
                    object_id?: string;
                    /** @description Registry year. */
                    year?: number;
                    /** @description Only this organisation's subtree (within the caller's). */
                    organization_id?: string;
                    /** @description Acts after this one (the last id of the previous page). */
                    after?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description XLSX workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/acts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One act. */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActView"];
                    };
                };
                /** @description act-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a draft or returned act (its inspector). A signed act never changes: the
         *     attempt is refused (409 act-frozen) and journalled.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ActChange"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActView"];
                    };
                };
                /** @description act-frozen, act-not-editable, act-version-conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/api/v1/acts/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a submitted act (a Head); it gets its registry number. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StepInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActView"];
                    };
                };
                /** @description act-step-not-allowed, act-version-conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/acts/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DocumentView"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query: {
                    /**
                     * @description The file's name as the user knows it (shown on download; not used to decide
                     *     its type).
                     */
                    name: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/octet-stream": number[];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DocumentView"];
                    };
                };
                /** @description document-too-large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description document-image-refused, document-type-unsupported */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/acts/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every step the act went through, oldest first (R-ACT-2). */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/acts/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The act's PDF: from approval on, the stored bytes the inspector signs; before, a
         *     preview rendered now (without a registry number).
         */
        get: {
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
                /** @description application/pdf */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/acts/{id}/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register a signed act (an operator). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StepInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActView"];
                    };
                };
                /** @description act-step-not-allowed, act-version-conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/acts/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Return a submitted act to its inspector with comments (a Head). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StepInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActView"];
                    };
                };
                /** @description act-step-not-allowed, act-version-conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/acts/{id}/sign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign an approved act (its inspector) with the NCA e-signature: a detached CMS
         *     over the act's PDF by the inspector's own legal-entity signing key. The CMS is
         *     stored beside the PDF and the act is signed for good (R-ACT-2, R-ACT-3).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SignInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActView"];
                    };
                };
                /** @description act-step-not-allowed, act-version-conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description signature-not-the-inspector, sign-individual-certificate, sign-digest-mismatch, sign-certificate-revoked … */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/acts/{id}/signature": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who signed the act, with which certificate, when, and whether it still verifies. */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SignatureView"];
                    };
                };
                /** @description act-not-signed */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/acts/{id}/signature.p7s": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The act's detached signature (`.p7s`), to check with any CMS tool beside the PDF
         *     (`openssl cms -verify -binary -inform DER -content act.pdf …`).
         */
        get: {
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
                /** @description application/pkcs7-signature */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description act-not-signed */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/acts/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand a draft (or a returned act) to the Head (its inspector). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StepInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActView"];
                    };
                };
                /** @description act-step-not-allowed, act-version-conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the journal, newest first. */
        get: {
            parameters: {
                query?: {
                    actor_id?: string;
                    /** @description e.g. user.create, auth.login */
                    action?: string;
                    target_id?: string;
                    /** @description From this time (inclusive), RFC 3339. */
                    from?: string;
                    /** @description Up to this time (exclusive), RFC 3339. */
                    to?: string;
                    /** @description Entries older than this sequence number (next page). */
                    before_seq?: number;
                    /** @description At most 1000; 100 by default. */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditEntryView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the matching entries as JSON Lines, newest first, streamed page by page
         *     so a long journal never sits in memory.
         */
        get: {
            parameters: {
                query?: {
                    actor_id?: string;
                    /** @description e.g. user.create, auth.login */
                    action?: string;
                    target_id?: string;
                    /** @description From this time (inclusive), RFC 3339. */
                    from?: string;
                    /** @description Up to this time (exclusive), RFC 3339. */
                    to?: string;
                    /** @description Entries older than this sequence number (next page). */
                    before_seq?: number;
                    /** @description At most 1000; 100 by default. */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check the whole hash chain, as `fito audit verify` does. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VerifyView"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A one-time challenge for e-signature sign-in. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChallengeView"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with e-mail and password. */
        post: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LoginResponse"];
                    };
                };
                /** @description auth-invalid-credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description auth-locked */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login/signature": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with the e-signature: a legal-entity certificate whose IIN is an active
         *     user's. Each refusal has its own code and message.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SignatureLogin"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LoginResponse"];
                    };
                };
                /** @description signature-challenge-unknown, -used, -expired, signature-no-user */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description sign-individual-certificate, sign-certificate-expired, sign-certificate-revoked, sign-untrusted-chain, sign-content-mismatch … */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the current session. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the caller's password (required after a one-time password). Other
         *     sessions of the user end.
         */
        post: {
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
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description auth-wrong-current-password, password-too-short … */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's live sessions, newest first. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of the caller's own sessions (e.g. a lost phone). */
        delete: {
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
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description session-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config/map": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The web map's tile source and attribution; needs no sign-in (the sign-in page
         *     shows the map too).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MapSettings"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a document (streamed). */
        get: {
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
                /** @description the file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description document-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/findings/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Survey findings of the caller's subtree as an Excel workbook. */
        get: {
            parameters: {
                query?: {
                    /** @description EPPO code of the organism. */
                    organism?: string;
                    /** @description quarantine, especially_dangerous or ordinary */
                    category?: string;
                    object_id?: string;
                    /** @description Surveyed on or after this day (UTC). */
                    from?: string;
                    /** @description Surveyed before this day (UTC). */
                    to?: string;
                    /** @description Only this organisation's subtree (within the caller's). */
                    organization_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description XLSX workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in person's own profile. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserView"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Correct my own phone and position (policy §14). Name, IIN and e-mail are
         *     corrected by an administrator on a rectification request.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["OwnProfileChange"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserView"];
                    };
                };
                /** @description phone-invalid, field-too-long … */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/api/v1/me/data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the system holds about me: profile, sessions, devices, consents, withdrawal
         *     requests. Journalled as a read of personal data.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MyData"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/data/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same as a JSON file to keep. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/json attachment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MyData"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My notifications, newest first. */
        get: {
            parameters: {
                query?: {
                    unread?: boolean;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My live updates: new notifications and status changes of acts that concern me. */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Resume after this event */
                    "Last-Event-ID"?: string | null;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description `event: notification` (data as in GET /notifications, id = cursor), `event: act` (data {id, status, registry_number?}), `: keep-alive` every 20 s */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark one of my notifications read. Idempotent: marking it again, or an id that is
         *     not mine, changes nothing and answers the same.
         */
        post: {
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
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Objects of the caller's subtree in a bounding box, filtered, as a GeoJSON
         *     FeatureCollection, paged by a `next` link.
         */
        get: {
            parameters: {
                query?: {
                    /** @description west,south,east,north in degrees (WGS 84). */
                    bbox?: string;
                    type?: string;
                    /** @description active (default) or archived */
                    status?: string;
                    crop?: string;
                    /** @description KATO code: objects of this unit and the units below it. */
                    kato?: string;
                    /** @description EPPO code: objects where a survey found this organism. */
                    organism?: string;
                    /** @description Continue after this cursor (from the `next` link). */
                    after?: number;
                    /** @description At most 10,000; 1,000 by default. */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["ObjectCollection"];
                    };
                };
            };
        };
        put?: never;
        /** Register an object. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ObjectInput"];
                };
            };
            responses: {
                /** @description `repairs` lists fixes made to the geometry */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["ObjectFeature"];
                    };
                };
                /** @description geo-ring-self-intersects, object-type-unknown … */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objects/at": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * "Which registered object am I standing in": active objects containing the point
         *     (the boundary counts as inside).
         */
        get: {
            parameters: {
                query: {
                    lon: number;
                    lat: number;
                    /** @description nearest: how many (1–50, default 5). */
                    n?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["ObjectCollection"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objects/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export objects as a GIS file, streamed, with the list's filters. */
        get: {
            parameters: {
                query: {
                    /** @description geojson, kml, shapefile (zip) or csv */
                    format: string;
                    /** @description west,south,east,north in degrees (WGS 84). */
                    bbox?: string;
                    type?: string;
                    /** @description active (default) or archived */
                    status?: string;
                    crop?: string;
                    /** @description KATO code: objects of this unit and the units below it. */
                    kato?: string;
                    /** @description EPPO code: objects where a survey found this organism. */
                    organism?: string;
                    /** @description Only this organisation's subtree (within the caller's). */
                    organization_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file, streamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description geo-shapefile-mixed-geometry: a Shapefile holds points or polygons, not both */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objects/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a GIS file: every feature becomes an object, or none does. */
        post: {
            parameters: {
                query?: {
                    /** @description geojson, kml, shapefile (zip) or csv; otherwise from Content-Type and content. */
                    format?: string;
                    /** @description Defaults to the caller's organisation; must lie in their subtree. */
                    organization_id?: string;
                    /** @description The object type of features that name none. */
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The file: GeoJSON, KML, zipped Shapefile or CSV */
            requestBody: {
                content: {
                    "application/octet-stream": number[];
                };
            };
            responses: {
                /** @description `{ imported, ids, repairs (each the first 1000), repairs_total, ignored_properties }` */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description import-file-image, import-file-binary, import-format-mismatch */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description geo-… or import-feature-invalid, naming the feature (and line) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objects/import/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a GIS file as the import would, and write nothing (issue 15): the number of
         *     features, the first objects as GeoJSON for a map, and every refused feature with
         *     its translated reason. Commit with the import, which is all or nothing.
         */
        post: {
            parameters: {
                query?: {
                    /** @description geojson, kml, shapefile (zip) or csv; otherwise from Content-Type and content. */
                    format?: string;
                    /** @description Defaults to the caller's organisation; must lie in their subtree. */
                    organization_id?: string;
                    /** @description The object type of features that name none. */
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The file: GeoJSON, KML, zipped Shapefile or CSV */
            requestBody: {
                content: {
                    "application/octet-stream": number[];
                };
            };
            responses: {
                /** @description `{ format, features, sample (FeatureCollection), refusals: [{ feature, line, code, message }], refusals_total, repairs_total, ignored_properties }` */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description import-file-image, import-file-binary, import-format-mismatch */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description geo-…: the file cannot be read */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objects/nearest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The N active objects nearest to a point, by geodesic distance (metres, 0 when
         *     inside), nearest first.
         */
        get: {
            parameters: {
                query: {
                    lon: number;
                    lat: number;
                    /** @description nearest: how many (1–50, default 5). */
                    n?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description each feature has `distance_m` */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["ObjectCollection"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One object. */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["ObjectFeature"];
                    };
                };
                /** @description object-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an object; every change is a new version (see history). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ObjectChange"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["ObjectFeature"];
                    };
                };
                /** @description object-version-conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/api/v1/objects/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive an object: it leaves the map but keeps its history. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["VersionOnly"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["ObjectFeature"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objects/{id}/buffer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make a quarantine zone: the object's geometry grown by R km (geodesic), stored
         *     as a new `quarantine_zone` object of the same organisation.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BufferRequest"];
                };
            };
            responses: {
                /** @description the new zone */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["ObjectFeature"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objects/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DocumentView"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query: {
                    /**
                     * @description The file's name as the user knows it (shown on download; not used to decide
                     *     its type).
                     */
                    name: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/octet-stream": number[];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DocumentView"];
                    };
                };
                /** @description document-too-large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description document-image-refused, document-type-unsupported */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objects/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of an object, oldest first. */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VersionView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objects/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bring an archived object back. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["VersionOnly"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["ObjectFeature"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objects/{id}/zones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The zones an object lies in, any status. */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ZoneView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's organisation and everything below it, in tree order. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrganizationView"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateOrganizationRequest"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrganizationView"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrganizationView"];
                    };
                };
                /** @description organization-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateOrganizationRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrganizationView"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a new version of the privacy policy (administrators). Once it is in
         *     force, every user is asked to accept it before anything else.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PublishPolicy"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PolicyView"];
                    };
                };
                /** @description policy-version-exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policy/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept the policy in force (or a published later version) electronically
         *     (R-PD-1).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AcceptPolicy"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsentView"];
                    };
                };
                /** @description policy-version-not-current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policy/accept/signature": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept the policy in force with the NCA e-signature (R-PD-1): a detached CMS over
         *     its Kazakh text, verified like an act's signature; the signer's IIN must be the
         *     user's.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AcceptPolicySigned"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsentView"];
                    };
                };
                /** @description policy-version-not-current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description signature-not-the-user, sign-… */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policy/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The privacy policy in force, in Kazakh and Russian, with its version and
         *     effective date (R-PD-4). No sign-in needed.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PolicyView"];
                    };
                };
                /** @description policy-none */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/privacy/rectifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rectification requests, newest first (administrators). A read of personal data. */
        get: {
            parameters: {
                query?: {
                    /** @description `open` (the default), `all`, `corrected` or `rejected`. */
                    status?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RectificationView"][];
                    };
                };
            };
        };
        put?: never;
        /**
         * Ask an administrator to correct my personal data that I cannot change myself
         *     (R-PD-1, policy §14). The administrators are notified.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FileRectification"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RectificationView"];
                    };
                };
                /** @description field-required */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/privacy/rectifications/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve a rectification request (administrators): `corrected` once the record is
         *     corrected (`PATCH /users/{id}`), or `rejected` with a comment. The person is
         *     notified.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ResolveRectification"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RectificationView"];
                    };
                };
                /** @description rectification-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description rectification-not-open */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/privacy/withdrawals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Withdrawal requests, newest first (administrators). A read of personal data. */
        get: {
            parameters: {
                query?: {
                    /** @description `open` (the default), `all`, or a resolution. */
                    status?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WithdrawalView"][];
                    };
                };
            };
        };
        put?: never;
        /**
         * Ask to withdraw consent to the processing of my personal data (R-PD-1, policy
         *     §14). An administrator resolves it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FileWithdrawal"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WithdrawalView"];
                    };
                };
                /** @description withdrawal-already-open */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/privacy/withdrawals/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve a withdrawal request (administrators): erase the account, deactivate it,
         *     or reject the request with a comment. The person is notified in the app (except
         *     after erasure, which leaves nobody to tell).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ResolveWithdrawal"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WithdrawalView"];
                    };
                };
                /** @description withdrawal-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description withdrawal-not-open */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/fcm-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register this device's FCM registration token for my notifications (app builds
         *     that receive pushes through Firebase Cloud Messaging). Only when the server has
         *     `[push.fcm]`; unsubscribing is `DELETE /push/subscriptions` with endpoint
         *     `fcm:<token>`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FcmTokenInput"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description push-fcm-not-configured */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description push-subscription-invalid */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Subscribe this device to push for me. Its notifications are then also pushed,
         *     written in the language of this request (`Accept-Language`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SubscriptionInput"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description push-not-configured */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description push-subscription-invalid */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** Unsubscribe one of my devices. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EndpointInput"];
                };
            };
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description push-subscription-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/vapid-public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The VAPID public key the app subscribes with. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VapidPublicKey"];
                    };
                };
                /** @description push-not-configured */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/admin-units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Part of a code or of a name in any language, case-insensitive. */
                    q?: string;
                    /** @description organisms: pest, disease or weed. */
                    kind?: string;
                    /** @description organisms: absent, limited (EAEU list), regulated_non_quarantine, other. */
                    category?: string;
                    /** @description admin-units: region, city_republican, district, city_regional. */
                    level?: string;
                    /** @description admin-units: the KATO code of the parent unit. */
                    parent?: string;
                    /** @description Also list retired entries. */
                    include_retired?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminUnitView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/admin-units/boundaries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many boundaries are loaded. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BoundariesState"];
                    };
                };
            };
        };
        put?: never;
        /** Load boundaries of administrative units: one polygon per KATO code, all or none. */
        post: {
            parameters: {
                query?: {
                    /** @description geojson, kml or shapefile (zip); otherwise from Content-Type and content. */
                    format?: string;
                    /**
                     * @description The attribute holding the KATO code; by default `kato`, `kato_code`,
                     *     `kato_te` or `te`, whichever a feature has (case-insensitive).
                     */
                    key?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description GeoJSON, KML or zipped Shapefile; each feature a polygon with a KATO code */
            requestBody: {
                content: {
                    "application/octet-stream": number[];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BoundariesLoaded"];
                    };
                };
                /** @description import-file-image, import-file-binary, import-format-mismatch */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description geo-…, boundary-key-missing, boundary-kato-invalid, boundary-unit-unknown, boundary-not-polygon, boundary-duplicate, naming the feature */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/admin-units/{kato}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    kato: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AdminUnitView"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminUnitView"];
                    };
                };
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminUnitView"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/crops": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Part of a code or of a name in any language, case-insensitive. */
                    q?: string;
                    /** @description organisms: pest, disease or weed. */
                    kind?: string;
                    /** @description organisms: absent, limited (EAEU list), regulated_non_quarantine, other. */
                    category?: string;
                    /** @description admin-units: region, city_republican, district, city_regional. */
                    level?: string;
                    /** @description admin-units: the KATO code of the parent unit. */
                    parent?: string;
                    /** @description Also list retired entries. */
                    include_retired?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CropView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/crops/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CropView"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CropView"];
                    };
                };
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CropView"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import the previewed file: the same file, options and the preview's `token`. All
         *     or nothing; refused if the file differs (409 reference-import-file-changed), if
         *     the dictionary changed since the preview (409 reference-import-stale) or if any
         *     row is refused (422 reference-import-rows-invalid).
         */
        post: {
            parameters: {
                query: {
                    /** @description organisms, crops, object-types or admin-units */
                    dictionary: string;
                    /** @description The file lists only some entries: those it leaves out are not retired. */
                    partial?: boolean;
                    /** @description apply only: the preview's `token`. */
                    token?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The file previewed */
            requestBody: {
                content: {
                    "application/octet-stream": number[];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReferenceImportApplied"];
                    };
                };
                /** @description reference-import-stale, reference-import-file-changed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description reference-import-rows-invalid, reference-import-token-invalid */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/import/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a dictionary file and show what importing it would change: entries added,
         *     changed (field by field), retired (left out of the file, unless `partial`),
         *     unchanged, and every refused row by its row number. Writes nothing.
         */
        post: {
            parameters: {
                query: {
                    /** @description organisms, crops, object-types or admin-units */
                    dictionary: string;
                    /** @description The file lists only some entries: those it leaves out are not retired. */
                    partial?: boolean;
                    /** @description apply only: the preview's `token`. */
                    token?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description CSV (UTF-8, comma or semicolon) or XLSX (first sheet), header row of column names */
            requestBody: {
                content: {
                    "application/octet-stream": number[];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReferenceImportPreview"];
                    };
                };
                /** @description reference-import-image, reference-import-xls, reference-import-file-type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description reference-import-columns-missing, reference-import-column-duplicate, reference-dictionary-unknown, … */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/object-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Part of a code or of a name in any language, case-insensitive. */
                    q?: string;
                    /** @description organisms: pest, disease or weed. */
                    kind?: string;
                    /** @description organisms: absent, limited (EAEU list), regulated_non_quarantine, other. */
                    category?: string;
                    /** @description admin-units: region, city_republican, district, city_regional. */
                    level?: string;
                    /** @description admin-units: the KATO code of the parent unit. */
                    parent?: string;
                    /** @description Also list retired entries. */
                    include_retired?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ObjectTypeView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/object-types/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ObjectTypeView"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ObjectTypeView"];
                    };
                };
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ObjectTypeView"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/organisms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Part of a code or of a name in any language, case-insensitive. */
                    q?: string;
                    /** @description organisms: pest, disease or weed. */
                    kind?: string;
                    /** @description organisms: absent, limited (EAEU list), regulated_non_quarantine, other. */
                    category?: string;
                    /** @description admin-units: region, city_republican, district, city_regional. */
                    level?: string;
                    /** @description admin-units: the KATO code of the parent unit. */
                    parent?: string;
                    /** @description Also list retired entries. */
                    include_retired?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrganismView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/organisms/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description EPPO code */
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["OrganismView"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrganismView"];
                    };
                };
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrganismView"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Self-registration (R-USER-2): the account stays pending until an administrator
         *     activates it. The IIN must be valid and show an age of 18 or more (R-USER-3).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RegisterRequest"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserView"];
                    };
                };
                /** @description email-taken, iin-taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description iin-checksum, iin-underage … */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Surveyed and infested hectares, foci, the trend, quarantine findings, acts,
         *     overdue prescriptions, tasks and inspectors' workload of the caller's subtree.
         */
        get: {
            parameters: {
                query?: {
                    /** @description First day (UTC); by default 1 January of this year. */
                    from?: string;
                    /** @description Last day, included (UTC); by default today. */
                    to?: string;
                    /** @description EPPO code of the organism. */
                    organism?: string;
                    /** @description quarantine, especially_dangerous or ordinary */
                    category?: string;
                    /** @description Crop code (/api/v1/reference/crops). */
                    crop?: string;
                    /** @description Object type code (/api/v1/reference/object-types). */
                    object_type?: string;
                    /** @description KATO code of a region or district: only objects in it. */
                    kato?: string;
                    /** @description Only this organisation's subtree (within the caller's). */
                    organization_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsReport"];
                    };
                };
                /** @description report-period-invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same report as PDF, with the organisation header, the period and the filters. */
        get: {
            parameters: {
                query?: {
                    /** @description First day (UTC); by default 1 January of this year. */
                    from?: string;
                    /** @description Last day, included (UTC); by default today. */
                    to?: string;
                    /** @description EPPO code of the organism. */
                    organism?: string;
                    /** @description quarantine, especially_dangerous or ordinary */
                    category?: string;
                    /** @description Crop code (/api/v1/reference/crops). */
                    crop?: string;
                    /** @description Object type code (/api/v1/reference/object-types). */
                    object_type?: string;
                    /** @description KATO code of a region or district: only objects in it. */
                    kato?: string;
                    /** @description Only this organisation's subtree (within the caller's). */
                    organization_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/pdf */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The findings by region (or a region's districts, asked with `kato`) as GeoJSON for
         *     the map: loaded boundaries, else a point at the centre of each unit's findings.
         */
        get: {
            parameters: {
                query?: {
                    /** @description First day (UTC); by default 1 January of this year. */
                    from?: string;
                    /** @description Last day, included (UTC); by default today. */
                    to?: string;
                    /** @description EPPO code of the organism. */
                    organism?: string;
                    /** @description quarantine, especially_dangerous or ordinary */
                    category?: string;
                    /** @description Crop code (/api/v1/reference/crops). */
                    crop?: string;
                    /** @description Object type code (/api/v1/reference/object-types). */
                    object_type?: string;
                    /** @description KATO code of a region or district: only objects in it. */
                    kato?: string;
                    /** @description Only this organisation's subtree (within the caller's). */
                    organization_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RegionSummary"];
                    };
                };
                /** @description report-period-invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same report as an Excel workbook: one sheet per breakdown. */
        get: {
            parameters: {
                query?: {
                    /** @description First day (UTC); by default 1 January of this year. */
                    from?: string;
                    /** @description Last day, included (UTC); by default today. */
                    to?: string;
                    /** @description EPPO code of the organism. */
                    organism?: string;
                    /** @description quarantine, especially_dangerous or ordinary */
                    category?: string;
                    /** @description Crop code (/api/v1/reference/crops). */
                    crop?: string;
                    /** @description Object type code (/api/v1/reference/object-types). */
                    object_type?: string;
                    /** @description KATO code of a region or district: only objects in it. */
                    kato?: string;
                    /** @description Only this organisation's subtree (within the caller's). */
                    organization_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description XLSX workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Samples of the caller's subtree, newest first. */
        get: {
            parameters: {
                query?: {
                    /** @description taken, sent, received or result */
                    status?: string;
                    survey_id?: string;
                    /** @description Only referrals older than the configured days with no result yet. */
                    overdue?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SampleView"][];
                    };
                };
            };
        };
        put?: never;
        /**
         * Record a sample taken with a finding (the field app's id; a repeat is answered
         *     with the stored sample).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TakeInput"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SampleView"];
                    };
                };
                /** @description sample-number-taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SampleView"];
                    };
                };
                /** @description sample-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DocumentView"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query: {
                    /**
                     * @description The file's name as the user knows it (shown on download; not used to decide
                     *     its type).
                     */
                    name: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/octet-stream": number[];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DocumentView"];
                    };
                };
                /** @description document-too-large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description document-image-refused, document-type-unsupported */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{id}/label": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The sample's label to print: a small PDF page with the number, what was taken,
         *     when and where, and a QR code of the sample's id and number.
         */
        get: {
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
                /** @description application/pdf */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description sample-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{id}/receive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The laboratory received the sample. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["VersionInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SampleView"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{id}/refer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refer a taken sample to a laboratory (an organisation or a laboratory object). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReferInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SampleView"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{id}/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enter the laboratory's result; it confirms the finding or marks it not confirmed. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ResultInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SampleView"];
                    };
                };
                /** @description sample-organism-unknown, sample-report-invalid */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/survey-tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Survey tasks of the caller's subtree. */
        get: {
            parameters: {
                query?: {
                    /** @description Only tasks assigned to me. */
                    mine?: boolean;
                    assignee_id?: string;
                    /** @description open, done or cancelled */
                    status?: string;
                    /** @description Tasks after this one (the last id of the previous page). */
                    after?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskView"][];
                    };
                };
            };
        };
        put?: never;
        /**
         * Assign a survey task. With art. 18 warnings it is refused (409
         *     task-visit-limit) unless `confirm_warnings` is set; the confirmed warnings stay
         *     on the task and in the journal.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TaskInput"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskView"];
                    };
                };
                /** @description task-visit-limit */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/survey-tasks/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What assigning this task would break (art. 18: at most 3 monitoring visits a
         *     year to one object, each at most 2 days). Writes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TaskInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CheckView"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/survey-tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One survey task. */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskView"];
                    };
                };
                /** @description task-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/survey-tasks/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an open task (the Head); its visits no longer count against art. 18. */
        post: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskView"];
                    };
                };
                /** @description task-not-open */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/survey-tasks/{id}/done": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark an open task done (its inspector). */
        post: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskView"];
                    };
                };
                /** @description task-not-open */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Surveys of the caller's subtree, oldest first. */
        get: {
            parameters: {
                query?: {
                    /** @description Only my surveys. */
                    mine?: boolean;
                    object_id?: string;
                    task_id?: string;
                    /** @description Surveys after this one (the last id of the previous page). */
                    after?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyView"][];
                    };
                };
            };
        };
        put?: never;
        /**
         * Record a survey. Sent again with the same id and content (a retried upload), it
         *     answers 200 with the stored survey and changes nothing; with other content it is
         *     refused (409 survey-id-taken): use PUT to change a survey.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SurveyInput"];
                };
            };
            responses: {
                /** @description the same survey was already stored */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyView"];
                    };
                };
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyView"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One survey. */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyView"];
                    };
                };
                /** @description survey-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** Replace a survey (its inspector), if nobody changed it since `version`. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SurveyInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyView"];
                    };
                };
                /** @description survey-version-conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}/acts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make an act from a survey (its inspector), pre-filled from the survey. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewAct"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActView"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DocumentView"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query: {
                    /**
                     * @description The file's name as the user knows it (shown on download; not used to decide
                     *     its type).
                     */
                    name: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/octet-stream": number[];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DocumentView"];
                    };
                };
                /** @description document-too-large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description document-image-refused, document-type-unsupported */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}/lab-results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the laboratory said of the survey's findings. */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FindingResultView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}/zones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The zones a survey was made in (its points or its object), any status. */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ZoneView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sync/outbox-import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply an app's exported outbox as the user named in it would have (an
         *     administrator, for a user of their subtree). Answers as push does; journalled.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["OutboxFile"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PushAnswer"];
                    };
                };
                /** @description user-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description sync-outbox-format */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sync/pull": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What changed since `cursor` that the caller keeps offline: reference data, own
         *     survey tasks, the objects on open ones (and those the caller registered), own
         *     acts, the quarantine zones of the caller's assigned area (the places of their
         *     open tasks; with no open task, their subtree's). Pulling again with the answer's cursor never repeats or skips a change.
         *     No other person's personal data is in it (R-MOB-4).
         */
        get: {
            parameters: {
                query?: {
                    /** @description The cursor of the previous answer; absent for everything from the start. */
                    cursor?: string;
                    /** @description 1..1000, default 500. */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PullAnswer"];
                    };
                };
                /** @description sync-cursor-invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sync/push": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send records made offline. Each answers on its own: applied, unchanged (already
         *     there: a replay), conflict (changed on the server since `base_version`; `server`
         *     holds its copy) or rejected (`problem`). Nothing is lost by sending a batch twice.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PushBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PushAnswer"];
                    };
                };
                /** @description sync-batch-too-large, a malformed record */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tiles/{layer}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The TileJSON 3.0.0 description of a layer; its tile URL carries the filters given.
         *     It holds no register data (the tiles it names are checked), so any signed-in caller.
         */
        get: {
            parameters: {
                query?: {
                    /** @description objects: the object type code. */
                    type?: string;
                    /**
                     * @description objects: active (default) or archived; zones: proposed, established, lifted
                     *     or withdrawn (default: every status, each feature carrying its own).
                     */
                    status?: string;
                    /** @description EPPO code. objects: where a survey found it; findings: of it; zones: against it. */
                    organism?: string;
                    /** @description findings: quarantine, especially_dangerous or ordinary. */
                    category?: string;
                    /**
                     * @description From this day (UTC). objects: with a finding (of `organism`) then; findings:
                     *     made then; zones: in force (from proposal or establishment to lifting) then.
                     */
                    from?: string;
                    /** @description … to the day before this one (UTC). */
                    to?: string;
                };
                header?: never;
                path: {
                    /** @description objects, findings or zones */
                    layer: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description TileJSON */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TileJson"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tiles/{layer}/{z}/{x}/{y}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One tile: `application/vnd.mapbox-vector-tile`, with an ETag; 304 when the
         *     `If-None-Match` names it. Objects, findings or zones of the caller's subtree only.
         */
        get: {
            parameters: {
                query?: {
                    /** @description objects: the object type code. */
                    type?: string;
                    /**
                     * @description objects: active (default) or archived; zones: proposed, established, lifted
                     *     or withdrawn (default: every status, each feature carrying its own).
                     */
                    status?: string;
                    /** @description EPPO code. objects: where a survey found it; findings: of it; zones: against it. */
                    organism?: string;
                    /** @description findings: quarantine, especially_dangerous or ordinary. */
                    category?: string;
                    /**
                     * @description From this day (UTC). objects: with a finding (of `organism`) then; findings:
                     *     made then; zones: in force (from proposal or establishment to lifting) then.
                     */
                    from?: string;
                    /** @description … to the day before this one (UTC). */
                    to?: string;
                };
                header?: never;
                path: {
                    /** @description objects, findings or zones */
                    layer: string;
                    z: number;
                    x: number;
                    /** @description the row followed by .mvt, e.g. 83.mvt */
                    y: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Mapbox Vector Tile 2.1 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.mapbox-vector-tile": unknown;
                    };
                };
                /** @description Not modified */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** People of the caller's organisation subtree. */
        get: {
            parameters: {
                query?: {
                    /** @description pending, active or deactivated */
                    status?: string;
                    role?: string;
                    organization_id?: string;
                    offset?: number;
                    /** @description At most 500; 100 by default. */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserView"][];
                    };
                };
            };
        };
        put?: never;
        /** Create an active account directly, with a one-time password. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateUserRequest"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedUser"];
                    };
                };
                /** @description email-taken, iin-taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description iin-checksum, iin-underage, role-unknown … */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One person's record. */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserView"];
                    };
                };
                /** @description user-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Erase an account (administrators only; there is no self-deletion): the person's
         *     data key is destroyed and their personal fields blanked, their sessions end
         *     (R-PD-2). Signed acts, the audit journal and logs stay, still verifiable.
         */
        delete: {
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
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description user-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description user-cannot-delete-self */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Correct a person's details. The journal records which fields changed, not
         *     their values.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateUserRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserView"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate a pending self-registration (or reactivate a deactivated account),
         *     giving it a role and an organisation.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ActivateRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserView"];
                    };
                };
                /** @description user-already-active */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deactivate an account: sign-in is blocked and every session ends; the data stays. */
        post: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserView"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a new one-time password; the person's sessions end. */
        post: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PasswordReset"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Give a person their one role (R-ROLE-1). */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RoleRequest"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserView"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/zones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Zones of the caller's subtree, oldest first. */
        get: {
            parameters: {
                query?: {
                    /** @description proposed, established, lifted or withdrawn */
                    status?: string;
                    /** @description west,south,east,north in degrees (WGS 84): zones meeting this box. */
                    bbox?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ZoneView"][];
                    };
                };
            };
        };
        put?: never;
        /**
         * Propose a zone: organisms, boundary (buffer around foci, drawn or imported),
         *     basis and regime. The Heads and inspectors concerned are notified.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProposeInput"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ZoneView"];
                    };
                };
                /** @description zone-organism-unknown, zone-basis-empty, zone-foci-empty, … */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/zones/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Zones of the caller's subtree as a GIS file: a GeoJSON FeatureCollection (every
         *     field as properties), KML, or a zipped Shapefile.
         */
        get: {
            parameters: {
                query?: {
                    /** @description geojson (the default), kml or shapefile (a zip). */
                    format?: string;
                    /** @description proposed, established, lifted or withdrawn */
                    status?: string;
                    /** @description west,south,east,north in degrees (WGS 84): zones meeting this box. */
                    bbox?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description GeoJSON, KML or zipped Shapefile */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description export-format-unknown */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/zones/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ZoneView"];
                    };
                };
                /** @description zone-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/zones/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Attach the establishing decision's PDF to a proposed zone (the Head who
         *     establishes it): the raw file as the body; then `establish` names it.
         */
        post: {
            parameters: {
                query: {
                    /**
                     * @description The file's name as the user knows it (shown on download; not used to decide
                     *     its type).
                     */
                    name: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/octet-stream": number[];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DocumentView"];
                    };
                };
                /** @description zone-step-not-allowed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description document-image-refused, document-type-unsupported */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/zones/{id}/document": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The zone's proposal or decision annex as PDF: the boundary drawn as an outline,
         *     the objects inside and the regime, in Kazakh or Russian.
         */
        get: {
            parameters: {
                query: {
                    /** @description proposal, or decision (the annex to the establishing decision) */
                    kind: string;
                    /** @description kk or ru; the reader's language when it is one of them, else kk. */
                    lang?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/pdf */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description zone-document-no-decision */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/zones/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DocumentView"][];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query: {
                    /**
                     * @description The file's name as the user knows it (shown on download; not used to decide
                     *     its type).
                     */
                    name: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/octet-stream": number[];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DocumentView"];
                    };
                };
                /** @description document-too-large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description document-image-refused, document-type-unsupported */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/zones/{id}/establish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Establish a proposed zone by a decision (its PDF attached to the zone first). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EstablishInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ZoneView"];
                    };
                };
                /** @description zone-step-not-allowed, zone-version-conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/zones/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of the zone, oldest first (a lifted zone keeps its history). */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ZoneVersionView"][];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/zones/{id}/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift an established zone; refused (422 zone-lift-basis-missing) without evidence. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ZoneStepInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ZoneView"];
                    };
                };
                /** @description zone-lift-basis-missing */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/zones/{id}/lifting-basis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The evidence for lifting: surveys of the zone's objects since establishment, and
         *     what is missing.
         */
        get: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LiftingBasis"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/zones/{id}/objects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The registered objects of the caller's subtree inside the zone (GeoJSON). */
        get: {
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
                /** @description GeoJSON FeatureCollection */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/zones/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a proposed zone, saying why. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ZoneStepInput"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ZoneView"];
                    };
                };
            };
        };
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
        /** The process is up. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ogc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The landing page: what the service is and where its parts are. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OGC API – Features landing page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ogc/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The layers: all objects, and one per active object type. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OGC collections */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ogc/collections/{collection_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One layer. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collection_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OGC collection */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description ogc-collection-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ogc/collections/{collection_id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The features of a layer in the caller's subtree, as a GeoJSON FeatureCollection
         *     paged by `limit`/`offset` with a `next` link.
         */
        get: {
            parameters: {
                query?: {
                    /**
                     * @description west,south,east,north in degrees (CRS84); a 3D box of six numbers is
                     *     accepted and its heights ignored.
                     */
                    bbox?: string;
                    /** @description 1–10,000; 100 by default. */
                    limit?: number;
                    /** @description How many matching features to skip (ordered by registration). */
                    offset?: number;
                    /**
                     * @description RFC 3339 instant or interval (`start/end`, `..` open). Objects carry no
                     *     temporal extent, so it keeps every object.
                     */
                    datetime?: string;
                    /** @description Keyset cursor carried by the `next` link: continue after this row. */
                    after?: number;
                    /** @description The format: only `json` (GeoJSON) is offered. */
                    f?: string;
                };
                header?: never;
                path: {
                    collection_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["ObjectCollection"];
                    };
                };
                /** @description ogc-collection-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ogc/collections/{collection_id}/items/{feature_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One feature of a layer; outside the caller's subtree, archived, or of another
         *     type it does not exist.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collection_id: string;
                    feature_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/geo+json": components["schemas"]["ObjectFeature"];
                    };
                };
                /** @description object-not-found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ogc/conformance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The conformance classes the service implements. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description conformsTo */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process can serve: the database answers. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
                /** @description service-unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
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
        AcceptPolicy: {
            /** @description The version being accepted: it must be the one in force. */
            version: string;
        };
        AcceptPolicySigned: {
            /**
             * @description Base64 of a detached CMS over the policy's Kazakh text (UTF-8), made with the
             *     user's own NCA signing key.
             */
            cms: string;
            version: string;
        };
        ActChange: {
            conclusions?: string | null;
            language?: string | null;
            location?: string | null;
            measures?: components["schemas"]["MeasureInput"][] | null;
            parties?: components["schemas"]["PartyInput"][] | null;
            /** @description Take the points and findings again from the survey (after correcting it). */
            refresh_from_survey?: boolean;
            /**
             * Format: int64
             * @description The version the change was made on.
             */
            version: number;
        };
        /**
         * @description What the inspector writes on the act; the rest comes from the register, the
         *     survey and the people involved.
         */
        ActContent: {
            conclusions: string;
            crop?: string | null;
            growth_phase?: string | null;
            /** @description Free-text location: district, rural okrug, landmark. */
            location: string;
            measures: components["schemas"]["MeasureInput"][];
            /** @description The owner's representative and witnesses present. */
            parties: components["schemas"]["PartyInput"][];
            points: components["schemas"]["PointInput"][];
            /**
             * Format: date-time
             * @description The survey as it was when the act was made (or last refreshed from it).
             */
            surveyed_at: string;
        };
        ActCountView: {
            act_type: string;
            /** Format: int64 */
            count: number;
            status: string;
        };
        ActView: {
            /** @description quarantine-survey, crop-monitoring, sampling or prescription */
            act_type: string;
            content: components["schemas"]["ActContent"];
            /** @description SHA-256 of the act's content, as in its QR code, once signed. */
            content_sha256?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            inspector_id: string;
            /** @description kk, ru or kk-ru */
            language: string;
            /** Format: uuid */
            object_id?: string | null;
            /** Format: uuid */
            organization_id: string;
            /** @description SHA-256 of the signed PDF, once signed. */
            pdf_sha256?: string | null;
            /** @description Given at approval: per organisation and year, without gaps. */
            registry_number?: string | null;
            /** @description draft, submitted, approved, returned, signed or registered */
            status: string;
            /**
             * @description The workflow steps the caller may take on this act now, each one of submit,
             *     approve, return, sign or register: the act's status, the caller's role and
             *     whether they are its inspector decide (R-ACT-2, R-ROLE-1).
             */
            steps: string[];
            /** Format: uuid */
            survey_id: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: int64 */
            version: number;
        };
        ActivateRequest: {
            /**
             * Format: uuid
             * @description Required when the person registered without an organisation.
             */
            organization_id?: string | null;
            role: string;
        };
        /** @description An administrative unit by its KATO code. */
        AdminUnitView: {
            active: boolean;
            kato?: string;
            /** @description region, city_republican, district or city_regional */
            level: string;
            name_en?: string | null;
            name_kk: string;
            name_ru: string;
            parent_kato?: string | null;
        };
        /**
         * @description The dashboard and the reports: the subtree, the period and filters, and the
         *     numbers.
         */
        AnalyticsReport: {
            acts: components["schemas"]["ActCountView"][];
            districts: components["schemas"]["UnitView"][];
            inspectors: components["schemas"]["WorkloadView"][];
            organisms: components["schemas"]["OrganismTotals"][];
            organization: components["schemas"]["ReportOrganization"];
            overdue: components["schemas"]["OverdueView"][];
            /** @description Quarantine and especially dangerous findings, the newest first. */
            quarantine: components["schemas"]["QuarantineView"][];
            /** @description The period and filters as applied. */
            query: components["schemas"]["ReportQuery"];
            regions: components["schemas"]["UnitView"][];
            tasks: components["schemas"]["TasksView"];
            totals: components["schemas"]["AreasView"];
            trend: components["schemas"]["MonthView"][];
        };
        AreasView: {
            /**
             * Format: int64
             * @description Findings (foci) of organisms.
             */
            foci: number;
            /** Format: double */
            infested_ha: number;
            /** Format: double */
            surveyed_ha: number;
        };
        AuditEntryView: {
            action: string;
            /** Format: uuid */
            actor_id?: string | null;
            actor_role?: string | null;
            app_version?: string | null;
            /** Format: date-time */
            at: string;
            details: Record<string, unknown>;
            device_id?: string | null;
            hash: string;
            /** Format: uuid */
            id: string;
            ip?: string | null;
            os?: string | null;
            outcome: string;
            prev_hash: string;
            /** Format: int64 */
            seq: number;
            target_id?: string | null;
            target_type?: string | null;
        };
        /** @description What the zone rests on: findings and acts. */
        Basis: {
            acts?: string[];
            findings?: components["schemas"]["FindingRef"][];
        };
        /** @description What a load did. */
        BoundariesLoaded: {
            /** @description The KATO codes loaded, in order. */
            kato: string[];
            /** @description Boundaries written. */
            loaded: number;
            /**
             * Format: int64
             * @description Of those, units that had one before (replaced).
             */
            replaced: number;
        };
        /** @description How many boundaries are loaded. */
        BoundariesState: {
            /** Format: int64 */
            loaded: number;
            /**
             * Format: int64
             * @description When the newest was loaded (µs since the epoch).
             */
            updated_at?: number | null;
        };
        /** @description Where the zone's boundary comes from. */
        BoundaryInput: {
            findings?: components["schemas"]["FindingRef"][];
            /** @enum {string} */
            kind: "buffer";
            objects?: string[];
            /** Format: double */
            radius_km: number;
        } | {
            geometry: Record<string, unknown>;
            /** @enum {string} */
            kind: "drawn";
        } | {
            geometry: Record<string, unknown>;
            /** @enum {string} */
            kind: "imported";
            source: string;
        };
        BufferRequest: {
            /** @description Name of the new zone; by default the source's name. */
            name?: string | null;
            /**
             * Format: double
             * @description Radius of the zone around the object, in kilometres.
             */
            radius_km: number;
        };
        /** @description The e-signature certificate last used by the person (R-USER-1). */
        CertificateView: {
            bin?: string | null;
            issuer?: string | null;
            serial?: string | null;
            subject?: string | null;
            /** Format: date-time */
            valid_from?: string | null;
            /** Format: date-time */
            valid_to?: string | null;
        };
        ChallengeView: {
            /**
             * @description Base64 of the bytes to sign (NCALayer: module kz.gov.pki.knca.basics, method
             *     sign, format cms, attached).
             */
            challenge: string;
            /** Format: uuid */
            challenge_id: string;
            /** Format: date-time */
            expires_at: string;
        };
        ChangePasswordRequest: {
            current_password: string;
            new_password: string;
        };
        CheckView: {
            warnings: components["schemas"]["ObjectWarning"][];
        };
        ConsentView: {
            /** Format: date-time */
            accepted_at: string;
            device_id?: string | null;
            ip?: string | null;
            /** @description `electronic` or `signature`. */
            method: string;
            signed: boolean;
            version: string;
        };
        CreateOrganizationRequest: {
            /** @description Postal address, printed on the acts the organisation issues. */
            address?: string | null;
            /** @description Business identification number, when the organisation is a legal entity. */
            bin?: string | null;
            /**
             * @description Its code in act registry numbers (1–12 Latin capitals or digits, unique);
             *     given automatically at its first numbered act when unset.
             */
            code?: string | null;
            name_en?: string | null;
            name_kk: string;
            name_ru: string;
            /**
             * Format: uuid
             * @description The parent organisation, inside the caller's subtree.
             */
            parent_id: string;
        };
        CreateUserRequest: {
            email: string;
            first_name: string;
            /** @description 12-digit individual identification number. */
            iin: string;
            /** Format: uuid */
            organization_id: string;
            patronymic?: string | null;
            /** @description Mobile or work phone, e.g. +7 701 123 45 67. */
            phone: string;
            position: string;
            /** @description administrator, head, inspector or operator */
            role: string;
            surname: string;
        };
        CreatedUser: {
            /** @description Shown once; the person must replace it at first sign-in. */
            one_time_password: string;
            user: components["schemas"]["UserView"];
        };
        CropView: {
            active: boolean;
            code?: string;
            eppo_code?: string | null;
            name_en?: string | null;
            name_kk: string;
            name_la?: string | null;
            name_ru: string;
        };
        DecisionView: {
            authority: string;
            /** @description YYYY-MM-DD */
            date: string;
            /**
             * Format: uuid
             * @description The decision's PDF, attached to the zone.
             */
            document_id?: string | null;
            number: string;
        };
        DeviceRecord: {
            app_version?: string | null;
            device_id: string;
            /** Format: date-time */
            last_seen_at: string;
            os?: string | null;
        };
        DocumentView: {
            /** Format: date-time */
            created_at: string;
            file_name: string;
            /** Format: uuid */
            id: string;
            /** @description pdf, xlsx, xls, docx, doc, odt, ods or csv: decided by content. */
            kind: string;
            media_type: string;
            /** Format: uuid */
            owner_id: string;
            /** @description object, survey, act, zone or sample */
            owner_kind: string;
            sha256: string;
            /** Format: int64 */
            size: number;
            /** Format: uuid */
            uploaded_by: string;
        };
        EndpointInput: {
            endpoint: string;
        };
        EstablishInput: {
            /** @description The authority that issued the decision. */
            decision_authority: string;
            /** @description YYYY-MM-DD */
            decision_date: string;
            /**
             * Format: uuid
             * @description The decision's PDF, attached to the zone first (`POST /zones/{id}/decision`,
             *     or by the office through `POST /zones/{id}/documents`).
             */
            decision_document_id: string;
            decision_number: string;
            /** @description The regime as decided, when it differs from the proposal. */
            regime_kk?: string | null;
            regime_ru?: string | null;
            /**
             * Format: int64
             * @description The version the step was decided on.
             */
            version: number;
        };
        EventView: {
            /** Format: uuid */
            actor_id: string;
            /** Format: date-time */
            at: string;
            comment?: string | null;
            from_status?: string | null;
            /** @description create, submit, approve, return, sign or register */
            step: string;
            to_status: string;
        };
        FcmTokenInput: {
            /** @description The FCM registration token the app was given. */
            token: string;
        };
        FileRectification: {
            /** @description What is wrong in the record and what it should be. */
            details: string;
        };
        FileWithdrawal: {
            reason: string;
        };
        FindingInput: {
            /** Format: double */
            area_above_threshold_ha?: number | null;
            /** Format: double */
            area_infested_ha?: number | null;
            /** Format: double */
            area_surveyed_ha?: number | null;
            /**
             * @description quarantine, especially_dangerous or ordinary; by default from the organism's
             *     quarantine status in the reference list.
             */
            category?: string | null;
            development_stage?: string | null;
            intensity?: components["schemas"]["IntensityInput"] | null;
            notes?: string | null;
            /** @description EPPO code of an organism in the reference list. */
            organism: string;
            samples?: components["schemas"]["SampleInput"][];
        };
        /** @description One finding of a survey: the survey and the finding's number in it. */
        FindingRef: {
            /** Format: int32 */
            seq: number;
            /** Format: uuid */
            survey_id: string;
        };
        /** @description What the laboratory said of one finding. */
        FindingResultView: {
            /** Format: date-time */
            at: string;
            /** Format: uuid */
            sample_id: string;
            /** Format: int32 */
            seq: number;
            /** @description confirmed or not_confirmed */
            status: string;
            /** Format: uuid */
            survey_id: string;
        };
        /** @description A finding of one of the zone's organisms inside it during the period. */
        FoundAgain: components["schemas"]["FindingRef"] & {
            /** Format: uuid */
            object_id?: string | null;
            organism: string;
            /** Format: date-time */
            surveyed_at: string;
        };
        Health: {
            status: string;
        };
        IntensityInput: {
            /**
             * @description per_square_metre, per_plant, per_trap (pests), prevalence_percent (diseases)
             *     or cover_percent (weeds)
             */
            kind: string;
            /** Format: double */
            value: number;
        };
        /** @enum {string} */
        Kind: "object" | "survey" | "act_draft" | "sample";
        LiftingBasis: {
            /** @description Findings of the zone's organisms inside it during the period. */
            findings: components["schemas"]["FoundAgain"][];
            /**
             * @description What is missing, as message codes: zone-lift-not-established,
             *     zone-lift-no-objects, zone-lift-unsurveyed, zone-lift-organism-found.
             */
            missing: string[];
            /** @description The objects inside the zone and their surveys in the period. */
            objects: components["schemas"]["SurveyedObject"][];
            organisms: string[];
            /**
             * Format: date-time
             * @description From the establishment to now.
             */
            period_from?: string | null;
            /** Format: date-time */
            period_to: string;
            /** @description Whether the evidence is enough to lift the zone. */
            sufficient: boolean;
            /** @description Objects inside the zone with no survey in the period. */
            unsurveyed: string[];
            /** Format: uuid */
            zone_id: string;
        };
        /** @description A link of a GeoJSON answer (`rel` is `next`). */
        Link: {
            href: string;
            rel: string;
            type: string;
        };
        LoginRequest: {
            email: string;
            password: string;
        };
        LoginResponse: {
            /** @description Echo in the `X-CSRF-Token` header on state-changing requests that use the cookie. */
            csrf_token: string;
            /** Format: date-time */
            expires_at: string;
            /** Format: uuid */
            session_id: string;
            /**
             * @description Send as `Authorization: Bearer <token>` (mobile app); the browser gets it as
             *     an HttpOnly cookie instead.
             */
            token: string;
            user: components["schemas"]["UserView"];
        };
        MapSettings: {
            attribution: string;
            /** Format: int32 */
            max_zoom: number;
            /**
             * @description Whether the field app may cache the inspector's district for offline use: only a
             *     self-hosted or licensed tile server permits bulk downloads, and never
             *     tile.openstreetmap.org (its usage policy forbids it), whatever the setting.
             */
            offline_bulk: boolean;
            subdomains: string[];
            /** @description Raster tile URL template (`{z}`, `{x}`, `{y}`, optionally `{s}`). */
            tile_url: string;
        };
        MeasureInput: {
            /** Format: date */
            deadline?: string | null;
            text: string;
        };
        MonthView: {
            current: components["schemas"]["AreasView"];
            /** @description `YYYY-MM` */
            month: string;
            /** @description The same month a year before. */
            previous: components["schemas"]["AreasView"];
        };
        /** @description Everything the system holds about the signed-in person (R-PD-1, R-TECH-1). */
        MyData: {
            consents: components["schemas"]["ConsentView"][];
            devices: components["schemas"]["DeviceRecord"][];
            /** Format: date-time */
            generated_at: string;
            profile: components["schemas"]["UserView"];
            sessions: components["schemas"]["SessionRecord"][];
            withdrawals: components["schemas"]["WithdrawalView"][];
        };
        NewAct: {
            /** @description quarantine-survey, crop-monitoring, sampling or prescription */
            act_type: string;
            conclusions?: string | null;
            /**
             * Format: uuid
             * @description The client's UUIDv7 (drafted offline); the server makes one if absent.
             */
            id?: string | null;
            /** @description kk (default), ru or kk-ru */
            language?: string | null;
            location?: string | null;
            measures?: components["schemas"]["MeasureInput"][];
            parties?: components["schemas"]["PartyInput"][];
        };
        NotificationView: {
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            /**
             * @description task-assigned, quarantine-found, act-submitted, act-approved, act-returned,
             *     act-signed, act-registered or account-activated
             */
            kind: string;
            /** @description The notification in the caller's language. */
            message: string;
            /** Format: date-time */
            read_at?: string | null;
            /** Format: uuid */
            target_id?: string | null;
            /** @description survey_task, survey, act or user */
            target_kind?: string | null;
        };
        ObjectChange: {
            close_open_rings?: boolean;
            crop?: string | null;
            geometry?: Record<string, unknown> | null;
            kato?: string | null;
            name?: string | null;
            notes?: string | null;
            owner?: components["schemas"]["OwnerInput"] | null;
            type?: string | null;
            /**
             * Format: int64
             * @description The version the change was made on (from the object's properties).
             */
            version: number;
        };
        /**
         * @description A page of register objects as a GeoJSON FeatureCollection, as
         *     [`collection_response`] writes it; `links` holds a `next` link when more follow.
         */
        ObjectCollection: {
            features: components["schemas"]["ObjectFeature"][];
            links: components["schemas"]["Link"][];
            numberReturned: number;
            type: string;
        };
        /**
         * @description Serialised straight from the row: the stored geometry text goes out as it is
         *     (it was written by fito-geo), which keeps large bbox answers cheap.
         *     A register object as a GeoJSON Feature (`type` is always `Feature`).
         */
        ObjectFeature: {
            /** @description An RFC 7946 geometry in WGS 84: Point, LineString, Polygon or their Multi forms. */
            geometry: Record<string, unknown>;
            /** Format: uuid */
            id: string;
            properties: components["schemas"]["ObjectProperties"];
            type: string;
        };
        ObjectInput: {
            /** @description Close a ring whose last position differs from its first (reported back). */
            close_open_rings?: boolean;
            /** @description A code from /api/v1/reference/crops. */
            crop?: string | null;
            /** @description RFC 7946 geometry: Point, Polygon or MultiPolygon, longitude first. */
            geometry: Record<string, unknown>;
            /**
             * Format: uuid
             * @description A UUIDv7 the client made (offline registration); the server makes one if absent.
             */
            id?: string | null;
            /** @description KATO code of the administrative unit. */
            kato?: string | null;
            name: string;
            notes?: string | null;
            /**
             * Format: uuid
             * @description Defaults to the caller's organisation; must lie in their subtree.
             */
            organization_id?: string | null;
            owner?: components["schemas"]["OwnerInput"] | null;
            /** @description A code from /api/v1/reference/object-types. */
            type: string;
        };
        /** @description Who holds the object: `kind` is `legal` (name, BIN) or `person` (name, IIN). */
        ObjectOwner: {
            bin?: string | null;
            iin?: string | null;
            kind: string;
            name?: string | null;
        };
        /** @description The object's attributes. */
        ObjectProperties: {
            /** Format: double */
            area_ha: number;
            /** Format: date-time */
            created_at: string;
            crop?: string | null;
            kato?: string | null;
            name: string;
            notes?: string | null;
            /** Format: uuid */
            organization_id: string;
            owner?: components["schemas"]["ObjectOwner"] | null;
            status: string;
            type: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: int64 */
            version: number;
        };
        ObjectTypeView: {
            active: boolean;
            code?: string;
            /** @description point, polygon or any */
            geometry: string;
            name_en?: string | null;
            name_kk: string;
            name_ru: string;
        };
        /** @description One art. 18 warning for one object. */
        ObjectWarning: {
            /** @description The warning in the caller's language. */
            message: string;
            /** Format: uuid */
            object_id: string;
            warning: Record<string, unknown>;
        };
        /** @description Named apart from the reference list's `OrganismView` in the API document. */
        OrganismTotals: components["schemas"]["AreasView"] & {
            eppo_code: string;
            name: string;
            name_la?: string | null;
        };
        /** @description An organism of the reference list, keyed by its EPPO code. */
        OrganismView: {
            active: boolean;
            /** @description absent or limited (the EAEU unified list of quarantine objects), regulated_non_quarantine, other */
            category: string;
            eppo_code?: string;
            /** @description pest, disease or weed */
            kind: string;
            name_en?: string | null;
            name_kk?: string | null;
            name_la: string;
            name_ru: string;
        };
        OrganizationView: {
            /** @description Postal address, printed on the acts the organisation issues. */
            address?: string | null;
            bin?: string | null;
            /**
             * @description Its code in act registry numbers (issue 15); set at its first numbered act
             *     when an administrator did not.
             */
            code?: string | null;
            /** Format: date-time */
            created_at: string;
            /** @description How deep in the tree: 0 for the root. */
            depth: number;
            /** Format: uuid */
            id: string;
            name_en?: string | null;
            name_kk: string;
            name_ru: string;
            /** Format: uuid */
            parent_id?: string | null;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description The file the app exports when it cannot sync. */
        OutboxFile: {
            device_id?: string | null;
            /** Format: date-time */
            exported_at?: string | null;
            /** @description Always `fito-outbox`. */
            format: string;
            records: components["schemas"]["Record"][];
            /** Format: uuid */
            user_id: string;
            /**
             * Format: int64
             * @description Always 1.
             */
            version: number;
        };
        OverdueView: {
            /** Format: uuid */
            act_id: string;
            /** Format: int64 */
            days_overdue: number;
            /** Format: date */
            deadline: string;
            kato?: string | null;
            measure: string;
            /** Format: uuid */
            object_id?: string | null;
            object_name?: string | null;
            registry_number?: string | null;
        };
        /**
         * @description What a person changes in their own record (policy §14, issue 15); the rest they ask
         *     an administrator to rectify (`privacy::rectifications`).
         */
        OwnProfileChange: {
            phone?: string | null;
            position?: string | null;
        };
        OwnerInput: {
            bin?: string | null;
            iin?: string | null;
            /** @description legal_entity or person */
            kind: string;
            name: string;
        };
        PartyInput: {
            name: string;
            position: string;
            /** @description owner_representative or witness */
            role: string;
        };
        PasswordReset: {
            /** @description Shown once; the person must replace it at next sign-in. */
            one_time_password: string;
        };
        PointInput: {
            /**
             * Format: double
             * @description Horizontal accuracy of the fix, metres.
             */
            accuracy_m?: number | null;
            findings?: components["schemas"]["FindingInput"][];
            /**
             * Format: date-time
             * @description When the device got the fix.
             */
            fixed_at: string;
            /** Format: double */
            lat: number;
            /** Format: double */
            lon: number;
        };
        PolicyView: {
            /** @description `YYYY-MM-DD`. */
            effective_from: string;
            /** Format: date-time */
            published_at: string;
            /** @description SHA-256 (hex) of the Kazakh text, a newline and the Russian text. */
            sha256: string;
            /** @description The Kazakh text prevails (R-PD-4). */
            text_kk: string;
            text_ru?: string | null;
            version: string;
        };
        ProposeInput: {
            basis: components["schemas"]["Basis"];
            boundary: components["schemas"]["BoundaryInput"];
            /**
             * Format: uuid
             * @description The client's id (UUIDv7); made by the server when absent.
             */
            id?: string | null;
            name: string;
            /** @description EPPO codes of the organisms the zone is against. */
            organisms: string[];
            /**
             * Format: uuid
             * @description The organisation the zone belongs to, in the caller's subtree.
             */
            organization_id: string;
            /** @description The regime (measures) in Kazakh. */
            regime_kk: string;
            /** @description The regime (measures) in Russian. */
            regime_ru: string;
        };
        PublishPolicy: {
            /** @description `YYYY-MM-DD`. */
            effective_from: string;
            text_kk: string;
            text_ru?: string | null;
            version: string;
        };
        PullAnswer: {
            changes: components["schemas"]["PulledChange"][];
            cursor: string;
            more: boolean;
        };
        PulledChange: {
            /** @description The record now; null when it left the caller's scope. */
            data?: Record<string, unknown> | null;
            id: string;
            /** @description object, task, act, zone or reference */
            kind: string;
            /** Format: int64 */
            version: number;
        };
        PushAnswer: {
            results: components["schemas"]["RecordResult"][];
        };
        PushBody: {
            records: components["schemas"]["Record"][];
        };
        QuarantineView: {
            /** @description quarantine or especially_dangerous */
            category: string;
            eppo_code: string;
            /** Format: double */
            infested_ha?: number | null;
            kato?: string | null;
            /** Format: uuid */
            object_id?: string | null;
            object_name?: string | null;
            organism: string;
            /** @description The district's (or unit's) name. */
            place?: string | null;
            /** Format: int32 */
            seq: number;
            /** Format: uuid */
            survey_id: string;
            /** Format: date-time */
            surveyed_at: string;
        };
        /** @description One record the app made offline, under its own UUIDv7. */
        Record: {
            /**
             * Format: int64
             * @description The server version the record was made on; null for a new record.
             */
            base_version?: number | null;
            /** @description The body the record's normal endpoint takes. */
            data: Record<string, unknown>;
            /** Format: uuid */
            id: string;
            kind: components["schemas"]["Kind"];
        };
        RecordResult: {
            /** Format: uuid */
            id: string;
            kind: components["schemas"]["Kind"];
            /** @description For `rejected`: the problem+json body. */
            problem?: Record<string, unknown> | null;
            /** @description For `conflict`: the server's copy. */
            server?: Record<string, unknown> | null;
            status: components["schemas"]["Status"];
            /**
             * Format: int64
             * @description The server's version of the record after this answer.
             */
            version?: number | null;
        };
        RectificationView: {
            comment?: string | null;
            details: string;
            /** Format: date-time */
            filed_at: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            resolved_at?: string | null;
            /** Format: uuid */
            resolved_by?: string | null;
            /** @description `open`, `corrected` or `rejected`. */
            status: string;
            user?: components["schemas"]["UserView"] | null;
            /** Format: uuid */
            user_id: string;
        };
        ReferInput: {
            /**
             * Format: uuid
             * @description … or as a laboratory object of the register.
             */
            laboratory_object_id?: string | null;
            /**
             * Format: uuid
             * @description The laboratory as an organisation …
             */
            laboratory_organization_id?: string | null;
            referral_number?: string | null;
            /** Format: int64 */
            version: number;
        };
        ReferenceImportApplied: {
            added: number;
            changed: number;
            dictionary: string;
            retired: number;
            unchanged: number;
        };
        ReferenceImportEntry: {
            /** @description For a changed entry: each changed field, old → new. */
            changes: components["schemas"]["ReferenceImportFieldChange"][];
            /** @description The entry as the dictionary's list shows it (for an added or retired one). */
            entry?: Record<string, unknown> | null;
            key: string;
            /** @description The row in the file (the header is usually row 1); none for a retired entry. */
            row?: number | null;
        };
        ReferenceImportFieldChange: {
            field: string;
            new?: string | null;
            old?: string | null;
        };
        ReferenceImportPreview: {
            /** @description The first 1,000 of each list; the totals count them all. */
            added: components["schemas"]["ReferenceImportEntry"][];
            added_total: number;
            changed: components["schemas"]["ReferenceImportEntry"][];
            changed_total: number;
            dictionary: string;
            errors: components["schemas"]["ReferenceImportRowError"][];
            errors_total: number;
            /** @description csv or xlsx, as read from the content. */
            format: string;
            ignored_columns: string[];
            partial: boolean;
            retired: components["schemas"]["ReferenceImportEntry"][];
            retired_total: number;
            rows: number;
            /** @description Send with the same file to apply exactly this preview. */
            token: string;
            unchanged: number;
        };
        ReferenceImportRowError: {
            code: string;
            field?: string | null;
            key?: string | null;
            /** @description The reason, in the caller's language. */
            message: string;
            row: number;
        };
        RegionFeature: {
            /**
             * @description A Polygon or MultiPolygon (the loaded boundary, simplified) or a Point (the
             *     centre of the unit's findings).
             */
            geometry: Record<string, unknown>;
            /** @description The KATO code. */
            id: string;
            properties: components["schemas"]["RegionProperties"];
            /** @description Always `Feature`. */
            type: string;
        };
        RegionProperties: components["schemas"]["UnitView"] & {
            /** @description `boundary` or `centre`. */
            shape: string;
        };
        /** @description The units of the summary as a GeoJSON FeatureCollection. */
        RegionSummary: {
            /** @description How many features are drawn as boundaries (the rest as centres). */
            boundaries: number;
            features: components["schemas"]["RegionFeature"][];
            /** @description `region`, or `district` when a region (or district) was asked with `kato`. */
            level: string;
            /** @description Always `FeatureCollection`. */
            type: string;
            /** @description Findings on no unit: of no registered object, or of one with no KATO code. */
            unplaced: components["schemas"]["AreasView"];
        };
        RegisterRequest: {
            email: string;
            first_name: string;
            /** @description 12-digit individual identification number. */
            iin: string;
            /**
             * Format: uuid
             * @description The organisation the person works for, when they know it.
             */
            organization_id?: string | null;
            password: string;
            patronymic?: string | null;
            /** @description Mobile or work phone, e.g. +7 701 123 45 67. */
            phone: string;
            position: string;
            surname: string;
        };
        ReportOrganization: {
            /** Format: uuid */
            id: string;
            name: string;
        };
        /** @description What a report is asked: the period (this season by default) and filters. */
        ReportQuery: {
            /** @description quarantine, especially_dangerous or ordinary */
            category?: string | null;
            /** @description Crop code (/api/v1/reference/crops). */
            crop?: string | null;
            /**
             * Format: date
             * @description First day (UTC); by default 1 January of this year.
             */
            from?: string | null;
            /** @description KATO code of a region or district: only objects in it. */
            kato?: string | null;
            /** @description Object type code (/api/v1/reference/object-types). */
            object_type?: string | null;
            /** @description EPPO code of the organism. */
            organism?: string | null;
            /**
             * Format: uuid
             * @description Only this organisation's subtree (within the caller's).
             */
            organization_id?: string | null;
            /**
             * Format: date
             * @description Last day, included (UTC); by default today.
             */
            to?: string | null;
        };
        ResolveRectification: {
            /** @description Required when rejecting. */
            comment?: string | null;
            /** @description `corrected` (the record was corrected) or `rejected`. */
            outcome: string;
        };
        ResolveWithdrawal: {
            /** @description Required when rejecting. */
            comment?: string | null;
            /** @description `account-deleted`, `account-deactivated` or `rejected`. */
            outcome: string;
        };
        ResultInput: {
            /** @description YYYY-MM-DD */
            conclusion_date: string;
            conclusion_number: string;
            /** @description The method of the analysis. */
            method: string;
            /** @description The organism the laboratory identified (EPPO code); none for a negative result. */
            organism?: string | null;
            /**
             * Format: uuid
             * @description The laboratory's report (PDF), attached to the sample first.
             */
            report_document_id: string;
            /** Format: int64 */
            version: number;
        };
        RoleRequest: {
            role: string;
        };
        SampleInput: {
            lab_referral_number: string;
            sample_number: string;
        };
        SampleView: {
            conclusion_date?: string | null;
            conclusion_number?: string | null;
            /** Format: int32 */
            finding_seq: number;
            /** Format: uuid */
            id: string;
            /** @description The organism the laboratory identified. */
            identified?: string | null;
            /** Format: uuid */
            laboratory_object_id?: string | null;
            /** Format: uuid */
            laboratory_organization_id?: string | null;
            /** Format: double */
            lat: number;
            /** Format: double */
            lon: number;
            method?: string | null;
            number: string;
            /** Format: uuid */
            object_id?: string | null;
            /** @description The organism of the finding (EPPO). */
            organism: string;
            /** Format: uuid */
            organization_id: string;
            /** @description confirmed or negative */
            outcome?: string | null;
            /** Format: double */
            quantity: number;
            /** Format: date-time */
            received_at?: string | null;
            referral_number?: string | null;
            /** Format: uuid */
            report_document_id?: string | null;
            /** Format: date-time */
            result_at?: string | null;
            /** Format: uuid */
            result_by?: string | null;
            /** Format: date-time */
            sent_at?: string | null;
            /** @description taken, sent, received or result */
            status: string;
            /** Format: uuid */
            survey_id: string;
            /** Format: date-time */
            taken_at: string;
            /** Format: uuid */
            taken_by: string;
            unit: string;
            /** Format: int64 */
            version: number;
            what: string;
        };
        SessionRecord: {
            app_version?: string | null;
            /** Format: date-time */
            created_at: string;
            device_id?: string | null;
            /** Format: date-time */
            expires_at: string;
            /** Format: uuid */
            id: string;
            ip?: string | null;
            /** @description `browser` or `app`. */
            kind: string;
            /** Format: date-time */
            last_seen_at: string;
            os?: string | null;
            /** Format: date-time */
            revoked_at?: string | null;
        };
        SessionView: {
            app_version?: string | null;
            /** Format: date-time */
            created_at: string;
            current: boolean;
            device_id?: string | null;
            /** Format: date-time */
            expires_at: string;
            /** Format: uuid */
            id: string;
            ip?: string | null;
            /** @description browser or app */
            kind: string;
            /** Format: date-time */
            last_seen_at: string;
            os?: string | null;
        };
        SignInput: {
            /**
             * @description Base64 of the detached CMS NCALayer made over the act's PDF (from
             *     `GET /api/v1/acts/{id}/pdf`).
             */
            cms: string;
            /**
             * Format: int64
             * @description The version the act was signed on.
             */
            version: number;
        };
        SignatureLogin: {
            /** Format: uuid */
            challenge_id: string;
            /** @description Base64 of the CMS (attached) NCALayer made over the challenge. */
            cms: string;
        };
        SignatureView: {
            algorithm: string;
            cms_sha256: string;
            issuer: string;
            organization?: string | null;
            pdf_sha256: string;
            /** @description Why not, when it does not: the code and the message in the caller's language. */
            problem?: string | null;
            problem_message?: string | null;
            /** @description Certificate serial (hex) and issuer. */
            serial: string;
            /**
             * Format: date-time
             * @description When the server accepted the signature.
             */
            signed_at: string;
            signer_bin?: string | null;
            signer_iin?: string | null;
            signer_name?: string | null;
            /**
             * Format: date-time
             * @description The signing time the signer's software put in the CMS.
             */
            signing_time?: string | null;
            /** Format: date-time */
            valid_from: string;
            /** Format: date-time */
            valid_to: string;
            /**
             * @description Whether the stored CMS still verifies over the stored PDF, as of its signing
             *     time, against today's NCA certificates and CRLs.
             */
            verifies: boolean;
        };
        /** @enum {string} */
        Status: "applied" | "unchanged" | "conflict" | "rejected";
        StepInput: {
            /** @description Required when returning an act: what to correct. */
            comment?: string | null;
            /**
             * Format: int64
             * @description The version the step was decided on.
             */
            version: number;
        };
        /** @description `PushSubscription.toJSON()`. */
        SubscriptionInput: {
            endpoint: string;
            /** @description Sent by browsers (usually null); not used. */
            expirationTime?: unknown;
            keys: components["schemas"]["SubscriptionKeys"];
            /**
             * @description The kinds of notification this device is pushed (see the notification
             *     kinds); absent: every kind. The app keeps all of them either way.
             */
            kinds?: string[] | null;
        };
        SubscriptionKeys: {
            auth: string;
            p256dh: string;
        };
        SurveyInput: {
            /** @description A code from /api/v1/reference/crops. */
            crop?: string | null;
            growth_phase?: string | null;
            /**
             * Format: uuid
             * @description The client's UUIDv7 (made offline); the server makes one if absent.
             */
            id?: string | null;
            notes?: string | null;
            /**
             * Format: uuid
             * @description The registered object surveyed; or give `place`.
             */
            object_id?: string | null;
            /** @description An ad-hoc place (no registered object): RFC 7946 Point. */
            place?: Record<string, unknown> | null;
            points?: components["schemas"]["PointInput"][];
            /** Format: date-time */
            surveyed_at: string;
            /** Format: uuid */
            task_id?: string | null;
            /**
             * Format: int64
             * @description For an update: the version it was made on.
             */
            version?: number | null;
        };
        SurveyView: {
            /** Format: date-time */
            created_at: string;
            crop?: string | null;
            growth_phase?: string | null;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            inspector_id: string;
            notes?: string | null;
            /** Format: uuid */
            object_id?: string | null;
            /** Format: uuid */
            organization_id: string;
            place?: Record<string, unknown> | null;
            points: components["schemas"]["PointInput"][];
            /** @description Some finding is of a quarantine organism. */
            quarantine_found: boolean;
            /** Format: date-time */
            surveyed_at: string;
            /** Format: uuid */
            task_id?: string | null;
            /** Format: date-time */
            updated_at: string;
            /** Format: int64 */
            version: number;
        };
        /** @description One object inside the zone and its surveys in the period. */
        SurveyedObject: {
            name: string;
            /** Format: uuid */
            object_id: string;
            /** Format: uuid */
            organization_id: string;
            /** @description The surveys of the object in the period, oldest first; none is a gap. */
            surveys: string[];
        };
        TakeInput: {
            /**
             * Format: int32
             * @description The finding's number in the survey (from 1).
             */
            finding_seq: number;
            /**
             * Format: uuid
             * @description The field app's id for the sample (UUIDv7).
             */
            id: string;
            /** Format: double */
            lat: number;
            /** Format: double */
            lon: number;
            /** @description The number on the label; unique. */
            number: string;
            /** Format: double */
            quantity: number;
            /** Format: uuid */
            survey_id: string;
            /** Format: date-time */
            taken_at: string;
            /** @description The unit of the quantity (pcs, g, kg …). */
            unit: string;
            /** @description What was taken (leaves, soil, seeds …). */
            what: string;
        };
        TaskInput: {
            /** @description An area to survey: RFC 7946 Polygon or MultiPolygon. */
            area?: Record<string, unknown> | null;
            /**
             * Format: uuid
             * @description An active inspector in the Head's subtree; the task belongs to their organisation.
             */
            assignee_id: string;
            /** @description plan, control_visit or complaint */
            basis: string;
            /** @description The Head has seen the art. 18 warnings (from /check) and assigns anyway. */
            confirm_warnings?: boolean;
            /**
             * Format: date
             * @description Last day the work is due (YYYY-MM-DD).
             */
            due_on: string;
            /**
             * Format: uuid
             * @description A UUIDv7 the client made; the server makes one if absent.
             */
            id?: string | null;
            note?: string | null;
            /** @description Registered objects to survey (may be empty when an area is given). */
            object_ids?: string[];
            /**
             * Format: date
             * @description First day of the visit (YYYY-MM-DD).
             */
            starts_on: string;
        };
        TaskView: {
            area?: Record<string, unknown> | null;
            /** Format: uuid */
            assignee_id: string;
            basis: string;
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            created_by: string;
            due_on: string;
            /** Format: uuid */
            id: string;
            note?: string | null;
            object_ids: string[];
            /** Format: uuid */
            organization_id: string;
            starts_on: string;
            /** @description open, done or cancelled */
            status: string;
            /** Format: date-time */
            updated_at: string;
            /** @description The art. 18 warnings the Head confirmed when assigning. */
            warnings: Record<string, unknown>[];
        };
        TasksView: {
            /** Format: int64 */
            done: number;
            /**
             * Format: int64
             * @description Still open after their due day.
             */
            late: number;
            /** Format: int64 */
            planned: number;
            /**
             * Format: int64
             * @description Assigned over confirmed art. 18 warnings.
             */
            warnings_confirmed: number;
        };
        /** @description A TileJSON 3.0.0 description of a layer. */
        TileJson: {
            /** @description west, south, east, north */
            bounds: number[];
            /** Format: int32 */
            maxzoom: number;
            /** Format: int32 */
            minzoom: number;
            name: string;
            tilejson: string;
            tiles: string[];
            vector_layers: unknown[];
        };
        /** @description A region or district (KATO); no code for findings outside any registered object. */
        UnitView: components["schemas"]["AreasView"] & {
            kato?: string | null;
            name: string;
            /** @description The region a district lies in. */
            region_kato?: string | null;
        };
        UpdateOrganizationRequest: {
            /** @description An empty string clears it. */
            address?: string | null;
            /** @description An empty string clears it. */
            bin?: string | null;
            /** @description The code in act registry numbers from now on; numbers given stay. */
            code?: string | null;
            /** @description An empty string clears it. */
            name_en?: string | null;
            name_kk?: string | null;
            name_ru?: string | null;
        };
        UpdateUserRequest: {
            email?: string | null;
            first_name?: string | null;
            iin?: string | null;
            /**
             * Format: uuid
             * @description Move the person to another organisation of the caller's subtree.
             */
            organization_id?: string | null;
            /** @description An empty string clears it. */
            patronymic?: string | null;
            phone?: string | null;
            position?: string | null;
            surname?: string | null;
        };
        UserView: {
            /**
             * @description What the person's role may do (`survey.record`, …), from the server's one role
             *     table: screens offer only these (issue 15). Empty without a role.
             */
            actions: string[];
            /** Format: date-time */
            activated_at?: string | null;
            certificate?: components["schemas"]["CertificateView"] | null;
            /** Format: date-time */
            created_at: string;
            email: string;
            first_name: string;
            /** Format: uuid */
            id: string;
            iin?: string | null;
            must_change_password: boolean;
            /** Format: uuid */
            organization_id?: string | null;
            patronymic?: string | null;
            phone?: string | null;
            position: string;
            /** @description administrator, head, inspector or operator; none while pending. */
            role?: string | null;
            /** @description pending, active, deactivated, or deleted (erased, R-PD-2). */
            status: string;
            surname: string;
            /** Format: date-time */
            updated_at: string;
        };
        VapidPublicKey: {
            /** @description base64url of the uncompressed P-256 point: `applicationServerKey`. */
            key: string;
        };
        VerifyView: {
            /** Format: int64 */
            entries: number;
            /** @description The first entry where the chain breaks, and why. */
            first_break?: Record<string, unknown> | null;
            head_hash: string;
            /** Format: int64 */
            head_seq: number;
            intact: boolean;
        };
        VersionInput: {
            /** Format: int64 */
            version: number;
        };
        VersionOnly: {
            /** @description Why (archive, restore): kept on the new version and shown in its history. */
            reason?: string | null;
            /** Format: int64 */
            version: number;
        };
        VersionView: {
            /** @description create, update, archive or restore */
            change: string;
            /** Format: date-time */
            changed_at: string;
            /** Format: uuid */
            changed_by?: string | null;
            /** @description Who made it: surname and first name (none once erased). */
            changed_by_name?: string | null;
            /** @description The object as it was after this change (GeoJSON Feature). */
            object: Record<string, unknown>;
            /** @description Why (archive, restore), when given. */
            reason?: string | null;
            /** Format: int64 */
            version: number;
        };
        WithdrawalView: {
            comment?: string | null;
            /** Format: date-time */
            filed_at: string;
            /** Format: uuid */
            id: string;
            reason: string;
            /** Format: date-time */
            resolved_at?: string | null;
            /** Format: uuid */
            resolved_by?: string | null;
            /** @description `open`, `account-deleted`, `account-deactivated` or `rejected`. */
            status: string;
            user?: components["schemas"]["UserView"] | null;
            /** Format: uuid */
            user_id: string;
        };
        WorkloadView: {
            /** Format: int64 */
            acts: number;
            /**
             * Format: int64
             * @description Days with at least one survey.
             */
            field_days: number;
            /** Format: uuid */
            inspector_id: string;
            /** @description Surname, first name and patronymic. */
            name: string;
            /** Format: int64 */
            surveys: number;
        };
        ZoneStepInput: {
            /** @description Why (required to withdraw; for a lifting, the decision's reference). */
            note?: string | null;
            /**
             * Format: int64
             * @description The version the step was decided on.
             */
            version: number;
        };
        ZoneVersionView: {
            /** @description propose, establish, lift or withdraw */
            change: string;
            /** Format: date-time */
            changed_at: string;
            /** Format: uuid */
            changed_by: string;
            /** Format: int64 */
            version: number;
            /** @description The zone as it was after this step. */
            zone: Record<string, unknown>;
        };
        ZoneView: {
            /** Format: double */
            area_ha: number;
            /** @description `{ "findings": [{ "survey_id", "seq" }], "acts": [id] }` */
            basis: Record<string, unknown>;
            /** @description west, south, east, north */
            bbox: number[];
            /** @description buffer, drawn or imported */
            boundary_kind: string;
            /** @description The imported file's name. */
            boundary_source?: string | null;
            /** Format: date-time */
            closed_at?: string | null;
            /** @description The evidence a lifting stood on. */
            closing_evidence?: Record<string, unknown> | null;
            /** @description Why it was lifted or withdrawn. */
            closing_note?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            created_by: string;
            decision?: components["schemas"]["DecisionView"] | null;
            /** Format: date-time */
            established_at?: string | null;
            /** @description RFC 7946 geometry (Polygon or MultiPolygon). */
            geometry: Record<string, unknown>;
            /** Format: uuid */
            id: string;
            name: string;
            /** @description EPPO codes. */
            organisms: string[];
            /** Format: uuid */
            organization_id: string;
            /** Format: double */
            radius_km?: number | null;
            regime_kk: string;
            regime_ru: string;
            /** @description proposed, established, lifted or withdrawn */
            status: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: uuid */
            updated_by: string;
            /** Format: int64 */
            version: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
