"""Imports every unit's models module so `Base.metadata` is complete (migrations and schema checks
use it): a model is registered by being defined in one of these, with no list of names to keep."""

from core.audit import models as audit
from core.auth import models as auth
from core.casework import models as casework
from core.digests import models as digests
from core.family import models as family
from core.i18n import models as i18n
from core.jobs import models as jobs
from core.letters import models as letters
from core.mail import models as mail
from core.plugins import models as plugins
from core.reports import models as reports
from core.reviews import models as reviews
from core.tenancy import models as tenancy

MODEL_MODULES = (
    audit,
    auth,
    casework,
    digests,
    family,
    i18n,
    jobs,
    letters,
    mail,
    plugins,
    reports,
    reviews,
    tenancy,
)
