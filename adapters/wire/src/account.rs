//! Account security resources: two-factor setup, recovery codes, the
//! second login step's prompt, and the sessions list.

use chat_core::account::{MfaStatus, RecoveryCodes, SessionInfo, TotpSetup};
use serde::Serialize;

/// `POST /me/mfa/totp/setup`: `{secret, otpauth_uri}`.
#[derive(Debug, Clone, Serialize)]
pub struct TotpSetupDto {
    pub secret: String,
    pub otpauth_uri: String,
}

impl From<&TotpSetup> for TotpSetupDto {
    fn from(s: &TotpSetup) -> Self {
        Self {
            secret: s.secret.clone(),
            otpauth_uri: s.otpauth_uri.clone(),
        }
    }
}

/// `GET /me/mfa`: `{enabled, recovery_codes_left}`.
#[derive(Debug, Clone, Serialize)]
pub struct MfaStatusDto {
    pub enabled: bool,
    pub recovery_codes_left: usize,
}

impl From<MfaStatus> for MfaStatusDto {
    fn from(s: MfaStatus) -> Self {
        Self {
            enabled: s.enabled,
            recovery_codes_left: s.recovery_codes_left,
        }
    }
}

/// `{recovery_codes: [string]}`, shown once.
#[derive(Debug, Clone, Serialize)]
pub struct RecoveryCodesDto {
    pub recovery_codes: Vec<String>,
}

impl From<&RecoveryCodes> for RecoveryCodesDto {
    fn from(c: &RecoveryCodes) -> Self {
        Self {
            recovery_codes: c.0.clone(),
        }
    }
}

/// `POST /auth/login` with two-factor sign-in on: `{mfa_required: true, ticket}`.
#[derive(Debug, Clone, Serialize)]
pub struct MfaRequiredDto {
    pub mfa_required: bool,
    pub ticket: String,
}

/// One entry of `GET /me/sessions`:
/// `{id, created_at, last_used_at, user_agent, ip_hint, current}`.
#[derive(Debug, Clone, Serialize)]
pub struct SessionDto {
    pub id: String,
    pub created_at: String,
    pub last_used_at: String,
    pub user_agent: Option<String>,
    pub ip_hint: Option<String>,
    pub current: bool,
}

impl From<&SessionInfo> for SessionDto {
    fn from(s: &SessionInfo) -> Self {
        Self {
            id: s.session.id.to_string(),
            created_at: s.session.created_at.to_rfc3339(),
            last_used_at: s.session.last_used_at.to_rfc3339(),
            user_agent: s.session.user_agent.clone(),
            ip_hint: s.session.ip_hint.clone(),
            current: s.current,
        }
    }
}

/// `GET /auth/signup-challenge`: the ALTCHA challenge format,
/// `{algorithm, challenge, maxnumber, salt, signature}` (its names, so a
/// stock ALTCHA widget can solve it).
#[derive(Debug, Clone, Serialize)]
pub struct SignupChallengeDto {
    pub algorithm: &'static str,
    pub challenge: String,
    pub maxnumber: u64,
    pub salt: String,
    pub signature: String,
}

impl From<&chat_core::challenge::Challenge> for SignupChallengeDto {
    fn from(c: &chat_core::challenge::Challenge) -> Self {
        Self {
            algorithm: c.algorithm,
            challenge: c.challenge.clone(),
            maxnumber: c.max_number,
            salt: c.salt.clone(),
            signature: c.signature.clone(),
        }
    }
}

/// The decoded `altcha` field of a sign-up: ALTCHA's payload,
/// `{algorithm, challenge, number, salt, signature}`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ChallengeSolutionDto {
    pub algorithm: String,
    pub challenge: String,
    pub number: u64,
    pub salt: String,
    pub signature: String,
}

impl From<ChallengeSolutionDto> for chat_core::challenge::Solution {
    fn from(d: ChallengeSolutionDto) -> Self {
        Self {
            algorithm: d.algorithm,
            challenge: d.challenge,
            number: d.number,
            salt: d.salt,
            signature: d.signature,
        }
    }
}
