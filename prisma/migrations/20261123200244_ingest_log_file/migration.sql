-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "IngestLog";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "IngestCursor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "appliedThrough" INTEGER NOT NULL
);

