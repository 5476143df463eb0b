from pathlib import Path

# A real agency's 2021 data (Dinas Koperasi UKM Kota Tangerang Selatan), bundled so the demo needs no network.
DEMO_DATASET = Path(__file__).parent / "fixtures" / "tangsel-2021.json"
DEMO_AGENCY, DEMO_YEAR = "tangsel-dinkopukm", 2021
