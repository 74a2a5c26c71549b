//! The service's in-band status codes: the negative numbers (and 0 for "still processing")
//! that operations return in place of a result.
//!
//! The vendor reference gives one table per operation. A few numbers mean different things in
//! different tables: -3 is an invalid user name for `enroll` but an invalid serial number for
//! `revoke`. So a code is always read with the table of the operation that returned it.

use std::fmt;

/// The operation's status table that applies to a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum StatusTable {
    /// `enroll`, and `getDeviceCertTypeIds`, `getDeviceCertType` and `getDeviceCustomFields`,
    /// for which the reference repeats the enroll table.
    Enroll,
    /// `collect`.
    Collect,
    /// `revoke` and `revokeBySerialNumber`.
    Revoke,
}

macro_rules! statuses {
    ($($variant:ident = $code:literal, $text:literal, [$($table:ident),+];)+) => {
        /// A status code with the meaning the vendor reference gives it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub enum Status {
            $(
                #[doc = concat!("`", stringify!($code), "`: ", $text, ".")]
                $variant,
            )+
            /// A code that the operation's table does not list, kept with its number.
            Unknown(i32),
        }

        impl Status {
            /// Reads `code` with the table of the operation that returned it.
            pub fn from_code(table: StatusTable, code: i32) -> Status {
                $(
                    if code == $code && [$(StatusTable::$table),+].contains(&table) {
                        return Status::$variant;
                    }
                )+
                Status::Unknown(code)
            }

            /// Returns the number the service sent.
            pub fn code(self) -> i32 {
                match self {
                    $(Status::$variant => $code,)+
                    Status::Unknown(code) => code,
                }
            }

            /// Returns the reference's description, or `None` for an unknown code.
            pub fn description(self) -> Option<&'static str> {
                match self {
                    $(Status::$variant => Some($text),)+
                    Status::Unknown(_) => None,
                }
            }
        }
    };
}

statuses! {
    Successful = 0, "Successful", [Enroll, Revoke];
    BeingProcessed = 0, "Being processed by the CA", [Collect];
    CertificateAttached = 1, "Certificate attached", [Collect];
    OrderNumberInvalid = -1, "The 'Order number' argument is invalid", [Collect, Revoke];
    OrderNumberNotFound = -2, "Order number not found", [Collect, Revoke];
    UserNameInvalid = -3, "The 'User name' argument is invalid", [Enroll];
    SerialNumberInvalid = -3, "The 'Serial number' argument is invalid", [Revoke];
    SerialNumberNotFound = -4, "Serial number not found", [Revoke];
    CountryInvalid = -7, "Country is not a valid ISO-3166 country", [Enroll];
    CsrNotBase64 = -9, "The CSR is not valid Base-64 data", [Enroll];
    CsrUndecodable = -10, "The CSR cannot be decoded", [Enroll];
    CsrUnsupportedAlgorithm = -11, "The CSR uses an unsupported algorithm", [Enroll];
    CsrInvalidSignature = -12, "The CSR has an invalid signature", [Enroll];
    CsrUnsupportedKeySize = -13, "The CSR uses an unsupported key size", [Enroll];
    UnknownError = -14, "An unknown error occurred", [Enroll, Collect, Revoke];
    PermissionDenied = -16, "Permission denied", [Enroll, Collect, Revoke];
    RequestRejected = -20, "The certificate request has been rejected", [Collect, Revoke];
    CertificateRevoked = -21, "The certificate has been revoked", [Collect, Revoke];
    AwaitingPayment = -22, "Still awaiting payment", [Collect, Revoke];
    AuthDataArgumentInvalid = -24, "Auth data argument is invalid", [Enroll, Revoke];
    DcvNotPerformed = -25, "DCV not performed", [Enroll, Revoke];
    IncorrectOvStatus = -26, "Organization has incorrect OV status", [Enroll, Revoke];
    EmailInvalid = -31, "The email is not a valid email", [Enroll, Revoke];
    PassphraseEmpty = -32, "The passphrase is empty", [Enroll];
    CertificateTypeInvalid = -33, "The certificate type is invalid", [Enroll];
    SecretKeyInvalid = -34, "The secret key is invalid", [Enroll];
    ServerTypeInvalid = -35, "The Server type is invalid", [Enroll];
    TermInvalidForCertificateType = -36, "The term is invalid for certificate type", [Enroll];
    CertTypeNameInvalid = -37, "The cert type name is invalid", [Enroll];
    EvRequiredFieldsEmpty = -38, "Unable to enroll EV certificate with empty required fields", [Enroll];
    InvalidAuthData = -100, "Invalid auth data", [Enroll, Collect, Revoke];
    InvalidOrganizationAuthData = -101, "Invalid organization auth data", [Collect, Revoke];
    AccessCodeInvalid = -101, "The 'Access code' argument is invalid", [Enroll];
    PersonNotFound = -105, "Person not found", [Revoke];
    EulaNotAccepted = -106, "EULA is not accepted", [Enroll, Revoke];
    DomainNotAllowedForCustomer = -110, "Domain is not allowed for customer", [Enroll, Revoke];
    DomainNotAllowedForOrganization = -111, "Domain is not allowed for organization", [Enroll, Revoke];
    TemplateNotAllowedForCustomer = -112, "KU/EKU template is not allowed for customer", [Enroll, Revoke];
    TemplateNoLongerAllowed = -113, "KU/EKU template is not allowed any more", [Enroll, Revoke];
    CertTypeNotAvailableForOrganization = -114, "Client Cert Type is not available for organization", [Enroll, Revoke];
    DomainNotDcvValidated = -115, "Domain is not DCV validated (while 'Enforce DCV for S/MIME' is ON)", [Enroll, Revoke];
    CannotChangePersonProperties = -116, "Can't change person properties", [Enroll];
    ActionNotAllowedByConfiguration = -120, "Customer configuration does not allow the desired action", [Enroll, Collect, Revoke];
}

impl Status {
    /// Returns `true` for the codes that mean the login was rejected, where checking the
    /// credentials (customer URI, login, password or client certificate) is the fix.
    pub fn is_authentication_failure(self) -> bool {
        matches!(
            self,
            Status::InvalidAuthData
                | Status::AuthDataArgumentInvalid
                | Status::InvalidOrganizationAuthData
                | Status::UserNameInvalid
        )
    }
}

/// Formats the status as `code (description)`, or `code (not in the reference)`.
impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.description() {
            Some(text) => write!(f, "{} ({text})", self.code()),
            None => write!(f, "{} (not in the reference)", self.code()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_code_differs_per_table() {
        assert_eq!(
            Status::from_code(StatusTable::Enroll, -3),
            Status::UserNameInvalid
        );
        assert_eq!(
            Status::from_code(StatusTable::Revoke, -3),
            Status::SerialNumberInvalid
        );
        assert_eq!(
            Status::from_code(StatusTable::Collect, -3),
            Status::Unknown(-3)
        );
        assert_eq!(
            Status::from_code(StatusTable::Enroll, -101),
            Status::AccessCodeInvalid
        );
        assert_eq!(
            Status::from_code(StatusTable::Collect, -101),
            Status::InvalidOrganizationAuthData
        );
    }

    #[test]
    fn codes_round_trip() {
        let tables = [
            StatusTable::Enroll,
            StatusTable::Collect,
            StatusTable::Revoke,
        ];
        for table in tables {
            for code in -130..=2 {
                let status = Status::from_code(table, code);
                assert_eq!(status.code(), code, "{table:?} {code}");
            }
        }
    }

    #[test]
    fn reference_tables_complete() {
        let enroll = [
            0, -3, -7, -9, -10, -11, -12, -13, -14, -16, -24, -25, -26, -31, -32, -33, -34, -35,
            -36, -37, -38, -100, -101, -106, -110, -111, -112, -113, -114, -115, -116, -120,
        ];
        let collect = [1, 0, -1, -2, -14, -16, -20, -21, -22, -100, -101, -120];
        let revoke = [
            0, -1, -2, -3, -4, -14, -16, -20, -21, -22, -24, -25, -26, -31, -100, -101, -105, -106,
            -110, -111, -112, -113, -114, -115, -120,
        ];
        for (table, codes) in [
            (StatusTable::Enroll, &enroll[..]),
            (StatusTable::Collect, &collect[..]),
            (StatusTable::Revoke, &revoke[..]),
        ] {
            for &code in codes {
                let status = Status::from_code(table, code);
                assert!(status.description().is_some(), "{table:?} {code}");
            }
        }
    }

    #[test]
    fn unknown_code_display() {
        let status = Status::from_code(StatusTable::Revoke, -999);
        assert_eq!(status, Status::Unknown(-999));
        assert_eq!(status.to_string(), "-999 (not in the reference)");
        assert_eq!(
            Status::InvalidAuthData.to_string(),
            "-100 (Invalid auth data)"
        );
    }
}
