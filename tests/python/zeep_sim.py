"""Calls each of the eight EPKIManagerDevice operations on a running simulator with Python zeep.

zeep loads the simulator's ?wsdl, which imports ?xsd=1, builds its own request envelopes and
decodes the replies, so a pass shows that the WSDL, the simulator and the wire format agree with a
SOAP stack written outside this project.

Usage: zeep_sim.py WSDL_URL CSR_FILE SERIAL_TO_REVOKE
Prints one line per checked operation and "N passed, 0 failed" at the end; exits 1 on the
first failed check.
"""

import sys

from zeep import Client

AUTH = {"customerLoginUri": "ExampleCustomer", "login": "admin", "password": "secret"}
BAD_AUTH = {"customerLoginUri": "ExampleCustomer", "login": "admin", "password": "wrong"}


def check(condition, message):
    if not condition:
        print(f"FAILED: {message}", file=sys.stderr)
        sys.exit(1)


def main():
    wsdl_url, csr_file, serial = sys.argv[1:4]
    with open(csr_file, encoding="ascii") as handle:
        csr = handle.read()

    client = Client(wsdl_url)
    service = client.service
    passed = []

    info = service.getWebServiceInfo()
    check(isinstance(info, str) and "simulator" in info, f"getWebServiceInfo returned {info!r}")
    passed.append("getWebServiceInfo")

    ids = service.getDeviceCertTypeIds(authData=AUTH)
    check(ids.statusCode == 0, f"getDeviceCertTypeIds status {ids.statusCode}")
    check(list(ids.ids) == [2001, 2002, 2003], f"getDeviceCertTypeIds ids {ids.ids}")
    denied = service.getDeviceCertTypeIds(authData=BAD_AUTH)
    check(denied.statusCode == -100, f"wrong password gave {denied.statusCode}")
    passed.append("getDeviceCertTypeIds")

    cert_type = service.getDeviceCertType(authData=AUTH, certTypeId=2002)
    check(cert_type.statusCode == 0, f"getDeviceCertType status {cert_type.statusCode}")
    check(cert_type.certType.name == "Device TLS Server", f"type name {cert_type.certType.name!r}")
    check(list(cert_type.certType.terms) == [1, 2], f"type terms {cert_type.certType.terms}")
    check(
        list(cert_type.certType.extendedKeyUsages) == ["serverAuth", "clientAuth"],
        f"type EKUs {cert_type.certType.extendedKeyUsages}",
    )
    passed.append("getDeviceCertType")

    fields = service.getDeviceCustomFields(customerLoginUri="ExampleCustomer", uriExtension="")
    check(fields.statusCode == 0, f"getDeviceCustomFields status {fields.statusCode}")
    summary = [(f.name, f.mandatory) for f in fields.customFields]
    check(summary == [("Asset Tag", True), ("Location", False)], f"custom fields {summary}")
    passed.append("getDeviceCustomFields")

    order = service.enroll(
        authData=AUTH,
        commonName="zeep.example",
        orgId=1001,
        term=2,
        csr=csr,
        certTypeId=2002,
        optionalFields={
            "subjectAltNames": "zeep.example, 127.0.0.1",
            "customFields": [{"name": "Asset Tag", "value": "Z-1"}],
            "comments": "enrolled by zeep",
        },
    )
    check(isinstance(order, int) and order > 0, f"enroll returned {order!r}")
    bad_term = service.enroll(authData=AUTH, commonName="zeep.example", orgId=1001, term=9, csr=csr)
    check(bad_term == -36, f"enroll with term 9 returned {bad_term}")
    passed.append("enroll")

    collected = service.collect(authData=AUTH, orderNumber=order, format=0)
    check(collected.statusCode == 1, f"collect status {collected.statusCode}")
    check(
        collected.certificate.count("-----BEGIN CERTIFICATE-----") == 3,
        "collect format 0 did not hold three certificates",
    )
    passed.append("collect")

    check(service.revoke(authData=AUTH, orderNumber=order, reason="zeep test") == 0, "revoke failed")
    check(service.revoke(authData=AUTH, orderNumber=order, reason="again") == -21, "second revoke")
    after = service.collect(authData=AUTH, orderNumber=order, format=1)
    check(after.statusCode == -21, f"collect after revoke gave {after.statusCode}")
    passed.append("revoke")

    by_serial = service.revokeBySerialNumber(authData=AUTH, serialNumber=serial, reason="zeep test")
    check(by_serial == 0, f"revokeBySerialNumber returned {by_serial}")
    unknown = service.revokeBySerialNumber(authData=AUTH, serialNumber="0BADC0DE", reason="")
    check(unknown == -4, f"revokeBySerialNumber of an unknown serial returned {unknown}")
    passed.append("revokeBySerialNumber")

    for name in passed:
        print(f"ok {name}")
    print(f"{len(passed)} passed, 0 failed")


if __name__ == "__main__":
    main()
