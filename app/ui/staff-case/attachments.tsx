import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { fileSizeMessage } from "~/ui/case-view";
import { actorLabel } from "./actor";
import { casePath } from "./paths";
import type { Workspace } from "./types";

export function Attachments({ workspace }: { workspace: Workspace }) {
  const { t, formatDateTime, formatNumber } = useTranslation();
  return (
    <section
      aria-labelledby="attachments-heading"
      className="stack stack--small"
    >
      <h2 id="attachments-heading">{t("staffCase.attachments.heading")}</h2>
      {workspace.attachments.length === 0 ? (
        <p className="muted">{t("staffCase.attachments.empty")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staffCase.attachments.nameColumn")}</th>
                <th scope="col">{t("staffCase.attachments.typeColumn")}</th>
                <th scope="col" className="numeric">
                  {t("staffCase.attachments.sizeColumn")}
                </th>
                <th scope="col">{t("staffCase.attachments.fromColumn")}</th>
                <th scope="col">{t("staffCase.attachments.atColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {workspace.attachments.map((file) => {
                const size = fileSizeMessage(file.sizeBytes);
                return (
                  <tr key={file.id}>
                    <td>
                      {/* A document request (reloadDocument): the browser saves the file instead of the router fetching it. */}
                      <Link
                        reloadDocument
                        to={`${casePath(
                          workspace.id
                        )}/attachments/${encodeURIComponent(file.id)}`}
                        aria-label={t("staffCase.attachments.download", {
                          fileName: file.fileName,
                        })}
                      >
                        {file.fileName}
                      </Link>
                    </td>
                    <td>{file.mediaType}</td>
                    <td className="numeric">
                      {t(size.key, { size: formatNumber(size.size) })}
                    </td>
                    <td>
                      {actorLabel(t, file.uploadedByType, file.uploadedByName)}
                    </td>
                    <td>{formatDateTime(file.createdAt, "short")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
