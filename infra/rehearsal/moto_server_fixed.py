"""moto_server with two emulator gaps closed, for the deploy rehearsal (infra/rehearsal/moto.ts).

1. moto 5.2's UpdateItem with legacy AttributeUpdates stores a PUT of a BOOL value as a string
   ({"S": true}); the next GetItem then fails in every AWS SDK ("expected StringAttributeValue
   to be of type string, got bool"). The AWS provider updates a table item that way, so a
   changed registry item holding a boolean (a DOMAIN# item's includeSubdomains) breaks the
   apply. Real DynamoDB stores {"BOOL": true}; so does this wrapper.
2. moto 5.2's DeleteUserPool deletes a pool whose DeletionProtection is ACTIVE. Cognito refuses
   (InvalidParameterException); so does this wrapper, so the rehearsal proves that taking a
   tenant out really unprotects its pool first (moto enforces a table's deletion protection
   already).
3. moto 5.2's RequestCertificate ignores KeyAlgorithm and always makes an RSA 2048 key, so
   DescribeCertificate answers RSA_2048 for the EC_prime256v1 certificate infra requests, and
   every plan replaces the hosting certificate (and its validation). ACM issues the key that was
   asked for; so does this wrapper (EC_prime256v1 and EC_secp384r1; RSA otherwise).
Nothing else is changed.

Usage: python3 moto_server_fixed.py [moto_server arguments]
"""

import sys
import threading

from cryptography.hazmat.primitives.asymmetric import ec, rsa
from moto.acm.responses import AWSCertificateManagerResponse
from moto.cognitoidp.exceptions import InvalidParameterException
from moto.cognitoidp.models import CognitoIdpBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.server import main

_original = Item.update_with_attribute_updates


def _update_with_attribute_updates(self, attribute_updates):
    rest = {}
    for name, update in attribute_updates.items():
        value = update.get("Value")
        if update.get("Action", "PUT") == "PUT" and isinstance(value, dict) and set(value) == {"BOOL"}:
            self.attrs[name] = DynamoType({"BOOL": value["BOOL"]})
        else:
            rest[name] = update
    _original(self, rest)


Item.update_with_attribute_updates = _update_with_attribute_updates

_delete_user_pool = CognitoIdpBackend.delete_user_pool


def _delete_protected_user_pool(self, user_pool_id):
    pool = self.describe_user_pool(user_pool_id)
    if pool.extended_config.get("DeletionProtection") == "ACTIVE":
        raise InvalidParameterException(
            "The user pool cannot be deleted because deletion protection is activated. "
            "Deletion protection must be inactivated first."
        )
    _delete_user_pool(self, user_pool_id)


CognitoIdpBackend.delete_user_pool = _delete_protected_user_pool

_requested = threading.local()
_EC_CURVES = {"EC_prime256v1": ec.SECP256R1, "EC_secp384r1": ec.SECP384R1}
_request_certificate = AWSCertificateManagerResponse.request_certificate
_rsa_key = rsa.generate_private_key


def _request_certificate_with_key(self):
    _requested.key_algorithm = self._get_param("KeyAlgorithm")
    try:
        return _request_certificate(self)
    finally:
        _requested.key_algorithm = None


def _requested_key(*args, **kwargs):
    # moto's generate_cert asks for an RSA key; inside a RequestCertificate for an EC algorithm
    # (this thread only), that curve's key instead. Every other caller gets RSA as before.
    curve = _EC_CURVES.get(getattr(_requested, "key_algorithm", None) or "")
    return ec.generate_private_key(curve()) if curve is not None else _rsa_key(*args, **kwargs)


rsa.generate_private_key = _requested_key
AWSCertificateManagerResponse.request_certificate = _request_certificate_with_key

if __name__ == "__main__":
    main(sys.argv[1:])
