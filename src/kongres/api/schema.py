"""The OpenAPI schema: every operation documents its JSON errors too."""

from drf_spectacular.openapi import AutoSchema

from kongres.api.errors import ErrorSerializer

ERROR_CODES = {
    "400": "Malformed filter, cursor or body; or a rule of the app refused the change.",
    "401": "No token, or a malformed, unknown, expired or revoked one.",
    "403": "The token lacks the scope, belongs to another edition, or the role does not allow.",
    "404": "No such edition or object.",
}


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if not self.view.permission_classes:  # the public schema and docs pages
            return responses
        for code, description in ERROR_CODES.items():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = description
                responses[code] = response
        return responses
