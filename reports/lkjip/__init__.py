"""The LKjIP (PermenPAN-RB 53/2014): the year's document built from the read model (`document.document_build`:
captions, texts, charts, annexes, comparisons), its HTML and print HTML (`render`), charts, annexes, generated
narration, the annex workbook and the approved editions."""
