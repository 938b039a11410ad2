"""The WSGI application `make bench` serves: the site, with the bare floor view it is compared
with in front of it (lpip_hub/bare_floor.py). Never used to serve the site itself."""

from lpip_hub.bare_floor import with_bare_floor
from lpip_hub.wsgi import application as site

application = with_bare_floor(site)
