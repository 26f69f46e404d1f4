"""The organiser's view of registration in the admin.

A registration changes state only through the services (approve, reject, cancel): the state,
its place in the quota and the timestamps are read-only here. Exports go through
``registration.exports`` so that every file is safe against formula injection.
"""

from kongres.registration.admin.base import (
    EXPORT_FORMATS,
)
from kongres.registration.admin.categories import (
    CategoryAdmin,
    CategoryForm,
)
from kongres.registration.admin.form_content import (
    ConsentTextAdmin,
    QuestionAdmin,
)
from kongres.registration.admin.groups import (
    GroupMemberInline,
    RegistrationGroupAdmin,
)
from kongres.registration.admin.invitations import (
    CODE_ALPHABET,
    CODE_LENGTH,
    GenerateCodesForm,
    InvitationCodeAdmin,
    InvitationCodeForm,
)
from kongres.registration.admin.registrations import (
    ConsentRecordInline,
    RegistrationAdmin,
    SignupInline,
)

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "EXPORT_FORMATS",
    "CategoryAdmin",
    "CategoryForm",
    "ConsentRecordInline",
    "ConsentTextAdmin",
    "GenerateCodesForm",
    "GroupMemberInline",
    "InvitationCodeAdmin",
    "InvitationCodeForm",
    "QuestionAdmin",
    "RegistrationAdmin",
    "RegistrationGroupAdmin",
    "SignupInline",
]
