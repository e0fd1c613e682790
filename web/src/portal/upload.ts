/** Uploading a file as the request body, with the upload's progress (imports of the register and of reference data). */
import { ApiError } from '../app/api.js';
import { lang } from '../app/i18n-app.js';
import { api } from '../app/session.js';

/** POSTs the file with XMLHttpRequest (fetch cannot report upload progress). */
export function send<T>(path: string, file: File, onProgress: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', lang.value);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    const csrf = api.csrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError('unreachable'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const p = body as { code?: string; title?: string; status?: number } | undefined;
      if (p && typeof p.code === 'string' && typeof p.title === 'string') reject(new ApiError('problem', { status: xhr.status, problem: { ...p, code: p.code, title: p.title, status: p.status ?? xhr.status } }));
      else reject(new ApiError('bad-response', { status: xhr.status }));
    };
    xhr.send(file);
  });
}
