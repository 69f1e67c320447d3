"""The assignment file's constants, apart from studyapp.classroom.assignments (which reads and writes the files)
so that the GUI thread can name `.studyassign` files in its dialogs and drops without importing the signing code
(cryptography) on its way to the first window."""

FORMAT, VERSION, SUFFIX = "studyapp-assignment", 1, ".studyassign"
MANIFEST, SIGNATURE = "assignment.toml", "signature.json"
