"""The Renstra (Permendagri 86/2017): the document's types (`document`), its build from the read model (`build`),
the plan checks, the JSON snapshot of revisions and their comparison (`snapshot`, `diff`), HTML and print HTML
(`render`), the workbook, and the inputs kept across a plan's replacement (`carry`)."""
