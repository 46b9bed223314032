"""An OpenFisca model of a simplified Care Act means test, the peer careact's columnar path is measured against.

* :mod:`openfisca_peer.country` -- the OpenFisca tax-benefit system: one person entity, five input
  variables and three formulas, with its parameters taken from careact's national rule set on a date;
* :mod:`openfisca_peer.inputs` -- the arrays both sides take (:class:`PeerInputs`) and the figures;
* ``bench/means_test_peer.py`` -- the benchmark that times it (and any candidate with the same inputs).

It needs ``openfisca-core`` (``pip install -e '.[bench]'``). The model is written for the benchmark
only and is not part of careact.
"""
