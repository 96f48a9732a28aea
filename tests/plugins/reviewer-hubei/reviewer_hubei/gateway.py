"""The province's model gateway, here answering as the offline backend does, under its own name."""

from __future__ import annotations

from reviewer.llm.backends import BackendOptions
from reviewer.llm.backends.offline import OfflineBackend


class GatewayBackend(OfflineBackend):
    name = "hubei-gateway"

    def __init__(self, options: BackendOptions):
        self.options = options
