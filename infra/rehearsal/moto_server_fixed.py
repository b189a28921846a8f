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
Nothing else is changed.

Usage: python3 moto_server_fixed.py [moto_server arguments]
"""

import sys

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

if __name__ == "__main__":
    main(sys.argv[1:])
