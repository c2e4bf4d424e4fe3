//! Two-factor sign-in: setup, confirmation, turning it off, recovery
//! codes, and the login's second step.

use super::{
    base32_encode, normalize_recovery_code, parse_totp_code, totp_step, MfaState, MfaTicket,
    MFA_TICKET_MAX_FAILURES, MFA_TICKET_TTL_SECONDS, RECOVERY_CODE_COUNT, TOTP_DRIFT_STEPS,
    TOTP_STEP_SECONDS,
};
use crate::auth::{Actor, AuthTokens, ClientInfo};
use crate::chat::Chat;
use crate::error::{Conflict, Error, Result, StoreError, ValidationError};
use crate::ids::UserId;
use crate::users::{Password, Username};

/// How many times a compare-and-swap is retried when another request
/// changed the same record in between.
const CAS_ATTEMPTS: usize = 5;
/// The issuer shown by authenticator apps.
const ISSUER: &str = "Chat";

/// A pending secret for an authenticator app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpSetup {
    /// The secret in base32, for typing in by hand.
    pub secret: String,
    /// The `otpauth://` URI, for a QR code.
    pub otpauth_uri: String,
}

/// Where a user's two-factor sign-in stands, for their settings page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MfaStatus {
    /// Whether login asks for a code.
    pub enabled: bool,
    /// Unused recovery codes left (0 when off).
    pub recovery_codes_left: usize,
}

/// A fresh set of recovery codes, shown once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryCodes(pub Vec<String>);

/// The second factor presented at login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginProof {
    /// A code from the authenticator app (a recovery code is accepted here too).
    Code(String),
    /// A recovery code.
    RecoveryCode(String),
}

/// A second factor as presented: which kind, and its text.
enum Proof<'a> {
    Totp(u32),
    Recovery(&'a str),
}

fn proof_of(code: &str) -> Proof<'_> {
    match parse_totp_code(code) {
        Some(c) => Proof::Totp(c),
        None => Proof::Recovery(code),
    }
}

fn invalid_code_field() -> Error {
    ValidationError::new("code", "this code is not valid (or was already used)").into()
}

fn storage(msg: &str) -> Error {
    Error::Storage(StoreError::Backend(msg.to_owned()))
}

impl Chat {
    /// Starts setting up an authenticator app: after checking the password,
    /// stores a new pending secret (replacing an unconfirmed one) and
    /// returns it. Nothing changes for login until [`Chat::enable_totp`].
    pub async fn setup_totp(&self, actor: &Actor, password: &Password) -> Result<TotpSetup> {
        let user = self.check_password(actor, password, "password").await?;
        let crypto = &self.deps.mfa;
        let secret = crypto.new_secret();
        let sealed = crypto.seal(&secret);
        self.update_mfa(actor.user_id, |state| {
            if state.enabled() {
                return Err(
                    Conflict::Other("two-factor sign-in is already on; turn it off first").into(),
                );
            }
            state.pending_secret = Some(sealed.clone());
            Ok(())
        })
        .await?;
        let secret = base32_encode(&secret);
        let label = format!("{ISSUER}:{}", user.username.as_str());
        let otpauth_uri = format!(
            "otpauth://totp/{}?secret={secret}&issuer={ISSUER}&algorithm=SHA1&digits=6&period={TOTP_STEP_SECONDS}",
            percent_encode(&label)
        );
        Ok(TotpSetup {
            secret,
            otpauth_uri,
        })
    }

    /// Confirms the pending secret with a current code: two-factor sign-in
    /// is on from now, and a first set of recovery codes is returned.
    pub async fn enable_totp(&self, actor: &Actor, code: &str) -> Result<RecoveryCodes> {
        let code = parse_totp_code(code).ok_or_else(invalid_code_field)?;
        let (codes, digests) = self.new_recovery_codes();
        let now_step = totp_step(self.now());
        self.update_mfa(actor.user_id, |state| {
            if state.enabled() {
                return Err(Conflict::Other("two-factor sign-in is already on").into());
            }
            let sealed = state.pending_secret.as_deref().ok_or(Conflict::Other(
                "there is no pending setup; start with POST /me/mfa/totp/setup",
            ))?;
            let secret = self.open_secret(sealed)?;
            let step = self
                .matching_step(&secret, code, now_step, state.last_step)
                .ok_or_else(invalid_code_field)?;
            state.secret = Some(sealed.to_owned());
            state.pending_secret = None;
            state.last_step = step;
            state.recovery_codes = digests.clone();
            Ok(())
        })
        .await?;
        Ok(RecoveryCodes(codes))
    }

    /// Turns two-factor sign-in off, after the password and a current
    /// code (or a recovery code).
    pub async fn disable_mfa(&self, actor: &Actor, password: &Password, code: &str) -> Result<()> {
        self.check_password(actor, password, "password").await?;
        self.update_mfa(actor.user_id, |state| {
            self.require_enabled(state)?;
            self.spend_proof(state, proof_of(code))
                .ok_or_else(invalid_code_field)
        })
        .await?;
        self.deps.store.delete_mfa(actor.user_id).await?;
        Ok(())
    }

    /// Replaces the recovery codes with a fresh set (the old ones stop
    /// working), after the password and a current code.
    pub async fn regenerate_recovery_codes(
        &self,
        actor: &Actor,
        password: &Password,
        code: &str,
    ) -> Result<RecoveryCodes> {
        self.check_password(actor, password, "password").await?;
        let (codes, digests) = self.new_recovery_codes();
        self.update_mfa(actor.user_id, |state| {
            self.require_enabled(state)?;
            self.spend_proof(state, proof_of(code))
                .ok_or_else(invalid_code_field)?;
            state.recovery_codes = digests.clone();
            Ok(())
        })
        .await?;
        Ok(RecoveryCodes(codes))
    }

    /// The caller's two-factor status.
    pub async fn mfa_status(&self, actor: &Actor) -> Result<MfaStatus> {
        let state = self.deps.store.mfa_of(actor.user_id).await?;
        let enabled = state.as_ref().is_some_and(MfaState::enabled);
        Ok(MfaStatus {
            enabled,
            recovery_codes_left: match state {
                Some(s) if enabled => s.recovery_codes.len(),
                _ => 0,
            },
        })
    }

    /// Whether the user has two-factor sign-in on.
    pub async fn mfa_enabled(&self, user: UserId) -> Result<bool> {
        let state = self.deps.store.mfa_of(user).await?;
        Ok(state.is_some_and(|s| s.enabled()))
    }

    /// The second step of a login: a live ticket and a valid code give the
    /// usual tokens. A wrong code counts against the ticket, which dies
    /// after [`MFA_TICKET_MAX_FAILURES`] of them or [`MFA_TICKET_TTL_SECONDS`].
    pub async fn complete_mfa_login(
        &self,
        ticket: &str,
        proof: LoginProof,
        client: ClientInfo,
    ) -> Result<AuthTokens> {
        let store = &self.deps.store;
        let hash = self.deps.mfa.digest(ticket);
        let dead = Error::InvalidCode { ticket_dead: true };
        let found = store.mfa_ticket(&hash).await?.ok_or(dead)?;
        if found.expires_at <= self.now() || found.failures >= MFA_TICKET_MAX_FAILURES {
            store.delete_mfa_ticket(&hash).await?;
            return Err(Error::InvalidCode { ticket_dead: true });
        }
        let proof = match &proof {
            LoginProof::Code(code) => proof_of(code),
            LoginProof::RecoveryCode(code) => Proof::Recovery(code),
        };
        let accepted = self
            .update_mfa(found.user_id, |state| {
                self.require_enabled(state)?;
                self.spend_proof(state, proof_ref(&proof))
                    .ok_or(Error::InvalidCode { ticket_dead: false })
            })
            .await;
        match accepted {
            Ok(()) => {}
            Err(Error::InvalidCode { .. }) | Err(Error::Conflict(_)) => {
                let failures = store.fail_mfa_ticket(&hash).await?.unwrap_or(u32::MAX);
                let ticket_dead = failures >= MFA_TICKET_MAX_FAILURES;
                if ticket_dead {
                    store.delete_mfa_ticket(&hash).await?;
                }
                return Err(Error::InvalidCode { ticket_dead });
            }
            Err(e) => return Err(e),
        }
        if !store.delete_mfa_ticket(&hash).await? {
            return Err(Error::InvalidCode { ticket_dead: true });
        }
        let user = self.load_user(found.user_id).await?;
        self.open_session(user, client).await
    }

    /// The username of a ticket's login, while the ticket exists (the
    /// HTTP adapter throttles the second step by it, like the first).
    pub async fn mfa_ticket_username(&self, ticket: &str) -> Result<Option<Username>> {
        let hash = self.deps.mfa.digest(ticket);
        let Some(found) = self.deps.store.mfa_ticket(&hash).await? else {
            return Ok(None);
        };
        let user = self.deps.store.user_by_id(found.user_id).await?;
        Ok(user.map(|u| u.username))
    }

    /// Stores a ticket for a user who passed the password check and returns it.
    pub(crate) async fn issue_mfa_ticket(&self, user: UserId) -> Result<String> {
        let ticket = self.deps.mfa.new_ticket();
        let now = self.now();
        let record = MfaTicket {
            hash: self.deps.mfa.digest(&ticket),
            user_id: user,
            expires_at: now.plus_seconds(MFA_TICKET_TTL_SECONDS),
            failures: 0,
        };
        self.deps.store.create_mfa_ticket(&record, now).await?;
        Ok(ticket)
    }

    /// Loads the user's state (or a blank one), applies `change`, and
    /// saves it if nobody changed it in between, retrying otherwise.
    async fn update_mfa<F>(&self, user: UserId, mut change: F) -> Result<()>
    where
        F: FnMut(&mut MfaState) -> Result<()> + Send,
    {
        let store = &self.deps.store;
        for _ in 0..CAS_ATTEMPTS {
            let stored = store.mfa_of(user).await?;
            let expected = stored.as_ref().map(|s| s.version);
            let mut state = stored.unwrap_or_else(|| MfaState::new(user));
            change(&mut state)?;
            state.version = expected.unwrap_or(0) + 1;
            if store.save_mfa(&state, expected).await? {
                return Ok(());
            }
        }
        Err(storage("two-factor state kept changing; try again"))
    }

    fn require_enabled(&self, state: &MfaState) -> Result<()> {
        if state.enabled() {
            Ok(())
        } else {
            Err(Conflict::Other("two-factor sign-in is not on").into())
        }
    }

    /// Checks a second factor against the state and, when it is good,
    /// spends it in `state` (the step moves on, or the recovery code goes).
    fn spend_proof(&self, state: &mut MfaState, proof: Proof<'_>) -> Option<()> {
        match proof {
            Proof::Totp(code) => {
                let secret = self.open_secret(state.secret.as_deref()?).ok()?;
                let now_step = totp_step(self.now());
                state.last_step = self.matching_step(&secret, code, now_step, state.last_step)?;
            }
            Proof::Recovery(text) => {
                let digest = self.deps.mfa.digest(&normalize_recovery_code(text));
                let at = state.recovery_codes.iter().position(|c| *c == digest)?;
                state.recovery_codes.remove(at);
            }
        }
        Some(())
    }

    /// The time step within the drift window whose code is `code`, if it
    /// is later than `last_step` (a code is good once: RFC 6238 §5.2).
    fn matching_step(
        &self,
        secret: &[u8],
        code: u32,
        now_step: i64,
        last_step: i64,
    ) -> Option<i64> {
        (now_step - TOTP_DRIFT_STEPS..=now_step + TOTP_DRIFT_STEPS)
            .filter(|&step| step > last_step)
            .find(|&step| {
                u64::try_from(step).is_ok_and(|counter| self.deps.mfa.hotp(secret, counter) == code)
            })
    }

    fn open_secret(&self, sealed: &str) -> Result<Vec<u8>> {
        self.deps
            .mfa
            .open(sealed)
            .ok_or_else(|| storage("a two-factor secret could not be decrypted (wrong key?)"))
    }

    fn new_recovery_codes(&self) -> (Vec<String>, Vec<String>) {
        let codes: Vec<String> = (0..RECOVERY_CODE_COUNT)
            .map(|_| self.deps.mfa.new_recovery_code())
            .collect();
        let digests = codes
            .iter()
            .map(|c| self.deps.mfa.digest(&normalize_recovery_code(c)))
            .collect();
        (codes, digests)
    }
}

fn proof_ref<'a>(proof: &'a Proof<'a>) -> Proof<'a> {
    match proof {
        Proof::Totp(c) => Proof::Totp(*c),
        Proof::Recovery(t) => Proof::Recovery(t),
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986), for
/// the `otpauth://` label.
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
