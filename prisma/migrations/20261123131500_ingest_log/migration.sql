-- CreateTable
CREATE TABLE "IngestLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "samples" INTEGER NOT NULL,
    "payload" BLOB NOT NULL
);

