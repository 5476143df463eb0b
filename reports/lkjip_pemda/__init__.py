"""The Pemda's LKjIP (PermenPAN-RB 53/2014 at Pemda level): the IKU Pemda per RPJMD sasaran with the seven
analyses, the agencies' contributions, the budget by urusan and by agency, the IKM, the annexes."""
