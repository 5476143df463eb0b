"""The read model every screen and document reads: the report object (`types`), its builder (`build.report_build`),
the consistency checks, the to-do list, the sakip-report/1 JSON form, the narrative sections and the links from a
finding to the screen holding its data. It imports no document."""
