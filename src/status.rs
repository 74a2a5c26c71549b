//! Status codes from the vendor's API reference that the simulator returns in band (HTTP 200).
//!
//! Where the reference names no code for a check the simulator makes, the code below is chosen
//! and its documentation says so.

/// Success for `revoke`, `revokeBySerialNumber` and the lookups; "still being processed" for
/// `collect`.
pub const SUCCESSFUL: i32 = 0;
/// `collect`: the certificate is attached.
pub const CERTIFICATE_ATTACHED: i32 = 1;
/// The `orderNumber` argument is invalid (not positive).
pub const INVALID_ORDER_NUMBER: i32 = -1;
/// Order number not found.
pub const ORDER_NOT_FOUND: i32 = -2;
/// `revokeBySerialNumber`: the serial number is invalid. `enroll` also returns it for an empty
/// or over-long `commonName` (chosen: the reference lists -3 as "the 'User name' argument is
/// invalid" for `enroll` and names no code for the common name).
pub const INVALID_ARGUMENT: i32 = -3;
/// Serial number not found.
pub const SERIAL_NOT_FOUND: i32 = -4;
/// The CSR is not valid base64 data.
pub const CSR_NOT_BASE64: i32 = -9;
/// The CSR cannot be decoded (also used for an empty or over-long CSR).
pub const CSR_UNDECODABLE: i32 = -10;
/// The CSR uses an unsupported algorithm (anything but RSA with PKCS#1 v1.5 signatures).
pub const CSR_UNSUPPORTED_ALGORITHM: i32 = -11;
/// The CSR has an invalid signature.
pub const CSR_INVALID_SIGNATURE: i32 = -12;
/// The CSR's RSA key is outside 512 to 8192 bits.
pub const CSR_UNSUPPORTED_KEY_SIZE: i32 = -13;
/// An unknown error occurred. Chosen for arguments the reference gives no code for: a `collect`
/// format outside 0 to 4, a revocation reason over 256 characters, an invalid subject alternative
/// name, and certificate issuance failures.
pub const UNKNOWN_ERROR: i32 = -14;
/// Permission denied. Chosen for an `orgId` the customer does not have.
pub const PERMISSION_DENIED: i32 = -16;
/// The certificate has been revoked.
pub const REVOKED: i32 = -21;
/// The `authData` argument is invalid: its `customerLoginUri` or `login` is missing.
pub const INVALID_AUTH_ARGUMENT: i32 = -24;
/// The certificate type is invalid (unknown id).
pub const INVALID_CERT_TYPE: i32 = -33;
/// The term is invalid for the certificate type.
pub const INVALID_TERM: i32 = -36;
/// Invalid auth data: wrong customer URI, login, password or client certificate.
pub const INVALID_AUTH_DATA: i32 = -100;
/// The certificate type is not available for the organisation.
pub const CERT_TYPE_NOT_AVAILABLE: i32 = -114;
