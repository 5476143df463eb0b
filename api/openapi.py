"""What the OpenAPI schema says beyond the views themselves: how a key is sent, and the errors every operation may
answer (all JSON, in both languages), so that a client, and schemathesis in the tests, know each status it can
get (docs/api.md)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_SCHEMA = {
    "type": "object",
    "description": "Pesan dalam dua bahasa. / The message in both languages: 'Indonesian. / English.'",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A refused write lists what is wrong: per field, per row, or one message (`detail`).
VALIDATION_ERROR_SCHEMA = {
    "description": "Apa yang salah, per kolom atau per baris. / What is wrong, per field or per row.",
    "oneOf": [{"type": "object"}, {"type": "array"}],
}
ERRORS = {
    "400": ("ValidationError", "Masukan tidak sah; tidak ada yang disimpan. / Invalid input; nothing saved."),
    "401": ("Error", "Tanpa kunci, atau kunci tidak dikenal/dicabut. / No key, or an unknown/revoked key."),
    "403": (
        "Error",
        "Tidak boleh (peran, tahun dikunci, jendela entri). / Not allowed (role, lock, window).",
    ),
    "404": ("Error", "Tidak ada, atau tidak terlihat oleh pengguna ini. / Not found, or not visible to you."),
    "409": ("Error", "Diubah orang lain sejak dibaca. / Changed by someone else since it was read."),
    "412": ("Error", "If-Match tidak cocok. / If-Match does not match."),
    "429": ("Error", "Batas laju kunci terlampaui. / The key's rate limit is exceeded."),
}
WRITE_ONLY_ERRORS = {"400", "409", "412"}
WRITE_METHODS = {"post", "put", "patch", "delete"}


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """`Authorization: Token sakip_…` (or `Bearer sakip_…`): a personal key made in the user's account."""

    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Kunci API pribadi dari /akun/token/: `Authorization: Token sakip_…` atau "
            "`Bearer sakip_…`. / A personal API key from /akun/token/.",
        }


def add_error_responses(result, generator, request, public):
    """Postprocessing hook: every operation documents the errors it may answer, unless its view already did."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR_SCHEMA)
    schemas.setdefault("ValidationError", VALIDATION_ERROR_SCHEMA)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status, (schema, description) in ERRORS.items():
                if status in WRITE_ONLY_ERRORS and method not in WRITE_METHODS and status != "400":
                    continue
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
                        },
                    },
                )
    return result
