import { useEffect } from 'react';

/** The idle minutes before a sign-out, as Meu perfil stores them on this device. */
export const IDLE_MINUTES_KEY = 'picineiros.idleMinutes';
export const DEFAULT_IDLE_MINUTES = 30;

export function readIdleMinutes(): number {
  const stored = Number(localStorage.getItem(IDLE_MINUTES_KEY));
  return Number.isFinite(stored) && stored > 0 ? stored : DEFAULT_IDLE_MINUTES;
}

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'focus'] as const;

/** Calls `onIdle` once after the configured minutes without keyboard, mouse or touch activity. */
export function useIdleSignOut(onIdle: () => void): void {
  useEffect(() => {
    const limitMs = readIdleMinutes() * 60_000;
    let lastActivity = Date.now();
    const touch = () => {
      lastActivity = Date.now();
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, touch, { passive: true });
    // A coarse check rather than a timer reset on every mouse move; also catches a laptop waking up.
    const timer = window.setInterval(
      () => {
        if (Date.now() - lastActivity >= limitMs) {
          window.clearInterval(timer);
          onIdle();
        }
      },
      Math.min(15_000, Math.max(250, limitMs / 4)),
    );
    return () => {
      window.clearInterval(timer);
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, touch);
    };
  }, [onIdle]);
}
