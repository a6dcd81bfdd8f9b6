-- DropTable
DROP TABLE "IngestLog";

-- CreateTable
CREATE TABLE "IngestCursor" (
    "id" INTEGER NOT NULL,
    "appliedThrough" INTEGER NOT NULL,

    CONSTRAINT "IngestCursor_pkey" PRIMARY KEY ("id")
);

